// The store's counts (images, updates by kind, failures, checks in progress): one value for every
// page that shows them (navigation badge, dashboard, the welcome page's "nothing yet"), so they
// always agree. From `summary` at start (cheaper than waiting for the whole snapshot), then each
// snapshot and `summary` event; these are not numbered, so the newest to arrive wins.
import type { CupdateBridge } from '../../../internal/api/contract.js';
import type { StoreSummary } from '../../../internal/model/summary.js';
import { settle, type LoadState } from '../lib/load-state.js';

export class SummaryStore {
  current: LoadState<StoreSummary> = $state({ state: 'loading' });
  readonly #bridge: CupdateBridge;

  constructor(bridge: CupdateBridge) {
    this.#bridge = bridge;
  }

  /** The summary, or null while it is loading or could not be loaded. */
  get value(): StoreSummary | null {
    return this.current.state === 'ready' ? this.current.value : null;
  }

  /** Asks for the summary while none is known (at start, or to retry a failure). */
  async load(): Promise<void> {
    const loaded = await settle(() => this.#bridge.invoke('summary', {}));
    // A snapshot or an event that arrived meanwhile may be newer than this answer (the two travel
    // apart, unordered): it wins, and so does a summary over a failure.
    if (this.current.state !== 'ready') this.current = loaded;
  }

  /** The live feed's side: a snapshot's or a `summary` event's. */
  set(summary: StoreSummary): void {
    this.current = { state: 'ready', value: summary };
  }
}
