import { afterEach, describe, expect, it } from 'vitest';
import { Router } from './router.svelte.js';
import { parseRoute, routeHref, type Route } from './routes.js';

describe('parseRoute and routeHref', () => {
  it('round-trips every page', () => {
    const routes: Route[] = [
      { page: 'dashboard' },
      { page: 'images' },
      { page: 'image', reference: 'localhost:5000/team/app:1.2@sha256:0123' },
      { page: 'graph' },
      { page: 'platforms' },
      { page: 'welcome' },
      { page: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('keeps a reference with slashes, colons and @ in one path segment', () => {
    const href = routeHref({ page: 'image', reference: 'docker.io/library/nginx:1.25' });
    expect(href).toBe('#/images/docker.io%2Flibrary%2Fnginx%3A1.25');
  });

  it('reads the empty hash, a bare slash and a trailing slash', () => {
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/images/')).toEqual({ page: 'images' });
  });

  it('answers not-found for unknown paths and broken escapes, never throws', () => {
    expect(parseRoute('#/nope')).toEqual({ page: 'not-found', path: 'nope' });
    expect(parseRoute('#/images/a/b')).toEqual({ page: 'not-found', path: 'images/a/b' });
    expect(parseRoute('#/images/%E0%A4%A')).toEqual({ page: 'not-found', path: 'images/%E0%A4%A' });
    expect(parseRoute('#/constructor')).toEqual({ page: 'not-found', path: 'constructor' });
  });
});

describe('Router', () => {
  let router: Router | undefined;
  afterEach(() => {
    router?.dispose();
    window.location.hash = '';
  });

  it('starts on the current hash and follows hash changes', async () => {
    window.location.hash = '#/settings';
    router = new Router(window);
    expect(router.current).toEqual({ page: 'settings' });
    router.go({ page: 'image', reference: 'ghcr.io/org/app:2' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(window.location.hash).toBe('#/images/ghcr.io%2Forg%2Fapp%3A2');
    expect(router.current).toEqual({ page: 'image', reference: 'ghcr.io/org/app:2' });
  });

  it('stops following after dispose', async () => {
    router = new Router(window);
    router.dispose();
    const before = router.current;
    window.location.hash = '#/graph';
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(router.current).toEqual(before);
  });
});
