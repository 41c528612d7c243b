import { describe, expect, it } from 'vitest';
import { httpUrl, mergeLinks, registryLink } from './links.js';
import { parseRepositoryUrl } from './source-repository.js';

describe('registryLink', () => {
  const github = parseRepositoryUrl('https://github.com/Owner/app');

  it.each<[string, string | null]>([
    ['nginx:1.27', 'https://hub.docker.com/_/nginx'],
    ['docker.io/library/redis@sha256:' + 'a'.repeat(64), 'https://hub.docker.com/_/redis'],
    ['bitnami/redis:7', 'https://hub.docker.com/r/bitnami/redis'],
    ['quay.io/prometheus/node-exporter:v1', 'https://quay.io/repository/prometheus/node-exporter'],
    ['ghcr.io/owner/app:1', 'https://github.com/Owner/app/pkgs/container/app'],
    ['ghcr.io/owner/app/worker:1', 'https://github.com/Owner/app/pkgs/container/app%2Fworker'],
    // Another owner than the source repository's: the package page is not known.
    ['ghcr.io/someone-else/app:1', null],
    ['registry.example.com/app:1', null],
  ])('%s → %s', (reference, url) => {
    expect(registryLink(reference, github)?.url ?? null).toBe(url);
  });

  it('gives no GHCR link without a GitHub source repository', () => {
    expect(registryLink('ghcr.io/owner/app:1')).toBeNull();
    expect(
      registryLink('ghcr.io/owner/app:1', parseRepositoryUrl('https://gitlab.com/owner/app')),
    ).toBeNull();
  });
});

describe('mergeLinks', () => {
  it('keeps the first of links that differ only by host case, trailing slash or .git, in order', () => {
    expect(
      mergeLinks(
        [{ type: 'source', url: 'https://github.com/o/r' }],
        undefined,
        [
          { type: 'homepage', url: 'https://GITHUB.com/o/r/' },
          { type: 'source', url: 'https://github.com/o/r.git' },
          { type: 'documentation', url: 'https://docs.example.com/r' },
        ],
        [{ type: 'registry', url: 'https://hub.docker.com/_/r' }],
      ),
    ).toEqual([
      { type: 'source', url: 'https://github.com/o/r' },
      { type: 'documentation', url: 'https://docs.example.com/r' },
      { type: 'registry', url: 'https://hub.docker.com/_/r' },
    ]);
  });

  it('keeps URLs that differ by path case or query apart', () => {
    expect(
      mergeLinks([
        { type: 'a', url: 'https://example.com/Docs' },
        { type: 'b', url: 'https://example.com/docs' },
        { type: 'c', url: 'https://example.com/docs?v=2' },
      ]),
    ).toHaveLength(3);
  });

  it('drops links that are not absolute http(s) URLs', () => {
    expect(
      mergeLinks([
        { type: 'homepage', url: 'javascript:alert(1)' },
        { type: 'homepage', url: 'file:///etc/passwd' },
        { type: 'homepage', url: '/relative' },
        { type: 'homepage', url: 'http://example.com' },
      ]),
    ).toEqual([{ type: 'homepage', url: 'http://example.com/' }]);
  });
});

describe('httpUrl', () => {
  it.each<[string | undefined, string | null]>([
    ['https://example.com/a', 'https://example.com/a'],
    [' http://example.com ', 'http://example.com/'],
    ['data:text/html,x', null],
    ['example.com', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(httpUrl(raw)).toBe(expected);
  });
});
