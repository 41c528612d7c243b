// The latest findings, newest first: images with an update or whose check failed. The ones this
// window saw happen (`image-updated` events) above the ones of earlier scans and earlier runs of
// the app, from the store's history (`recentUpdates`).
import type { ApiEvents, CupdateBridge } from '../../../internal/api/contract.js';
import { errorMessage } from '../lib/load-state.js';

export type Finding = ApiEvents['image-updated'] & { readonly at: number };

const KEPT = 12;

export class FindingsStore {
  recent: readonly Finding[] = $state.raw([]);
  /** Why the history could not be read, if it could not (the live findings still show). */
  error: string | null = $state(null);
  readonly #bridge: CupdateBridge;
  readonly #now: () => number;

  constructor(bridge: CupdateBridge, now: () => number = Date.now) {
    this.#bridge = bridge;
    this.#now = now;
  }

  async load(): Promise<void> {
    try {
      const history = await this.#bridge.invoke('recentUpdates', { limit: KEPT });
      const live = new Set(this.recent.map((item) => item.reference));
      const earlier = history
        .filter((item) => !live.has(item.reference))
        .map((item) => ({ ...item, error: null }));
      this.recent = [...this.recent, ...earlier].slice(0, KEPT);
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  /** The live feed's side: a finished check; an up-to-date image is no finding. */
  updated(event: ApiEvents['image-updated']): void {
    if (event.error === null && (event.kind === null || event.kind === 'none')) return;
    const others = this.recent.filter((item) => item.reference !== event.reference);
    this.recent = [{ ...event, at: this.#now() }, ...others].slice(0, KEPT);
  }
}
