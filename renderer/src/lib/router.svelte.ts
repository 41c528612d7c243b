// The current route, kept in step with `location.hash`.
import { parseRoute, routeHref, type Route } from './routes.js';

export class Router {
  current: Route = $state({ page: 'dashboard' });
  readonly #window: Window;
  readonly #onHashChange = (): void => {
    this.current = parseRoute(this.#window.location.hash);
  };

  constructor(win: Window) {
    this.#window = win;
    this.current = parseRoute(win.location.hash);
    win.addEventListener('hashchange', this.#onHashChange);
  }

  go(route: Route): void {
    this.#window.location.hash = routeHref(route);
  }

  dispose(): void {
    this.#window.removeEventListener('hashchange', this.#onHashChange);
  }
}
