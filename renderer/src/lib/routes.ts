// The app's pages as a closed union, and the two directions between a page and its `#/…` hash.
// Hash routing works from `file://` (Electron) and from any path `serve` mounts the app on.

export type Route =
  | { readonly page: 'dashboard' }
  | { readonly page: 'images' }
  | { readonly page: 'image'; readonly reference: string }
  | { readonly page: 'graph' }
  | { readonly page: 'platforms' }
  | { readonly page: 'welcome' }
  | { readonly page: 'settings' }
  | { readonly page: 'report' }
  | { readonly page: 'not-found'; readonly path: string };

export type PageName = Route['page'];

const SIMPLE_PAGES = {
  '': 'dashboard',
  images: 'images',
  graph: 'graph',
  platforms: 'platforms',
  welcome: 'welcome',
  settings: 'settings',
  report: 'report',
} as const satisfies Record<string, PageName>;

function isSimplePage(segment: string): segment is keyof typeof SIMPLE_PAGES {
  return Object.hasOwn(SIMPLE_PAGES, segment);
}

/** `#/images/docker.io%2Flibrary%2Fnginx%3A1.25` → the image page for that reference. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#?\/?/, '').replace(/\/$/, '');
  const [first = '', ...rest] = path.split('/');
  if (rest.length === 0 && isSimplePage(first)) {
    const page = SIMPLE_PAGES[first];
    return { page };
  }
  if (first === 'images' && rest.length === 1 && rest[0] !== '') {
    try {
      return { page: 'image', reference: decodeURIComponent(rest[0] ?? '') };
    } catch {
      // A hand-typed `%` that is not an escape: show "not found" rather than throw.
    }
  }
  return { page: 'not-found', path };
}

/** The inverse of parseRoute: the `href` for a page. */
export function routeHref(route: Route): string {
  switch (route.page) {
    case 'dashboard':
      return '#/';
    case 'image':
      // One path segment whatever the reference holds (`/`, `:`, `@`).
      return `#/images/${encodeURIComponent(route.reference)}`;
    case 'not-found':
      return `#/${route.path}`;
    default:
      return `#/${route.page}`;
  }
}
