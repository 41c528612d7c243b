// What the core is doing, for the dashboard and the navigation: the store summary, the progress of
// the current scan (from `progress` events) and the images whose check just finished.
import type { ApiEvents, CupdateBridge } from '../../../internal/api/contract.js';
import type { StoreSummary } from '../../../internal/model/summary.js';
import { on } from './events.js';
import { settle, type LoadState } from './load-state.js';

export type RecentUpdate = ApiEvents['image-updated'] & { readonly at: number };

/** One scan: from the first image queued while idle until the queue is empty again. */
export interface ScanProgress {
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
}

const RECENT_KEPT = 12;

export class Activity {
  summary: LoadState<StoreSummary> = $state({ state: 'loading' });
  scan: ScanProgress = $state({ queued: 0, running: 0, done: 0, failed: 0 });
  /** Newest first: images with an update, or whose check failed. */
  recent: readonly RecentUpdate[] = $state.raw([]);
  readonly #bridge: CupdateBridge;
  readonly #queued = new Set<string>();
  readonly #running = new Set<string>();
  readonly #unsubscribe: (() => void)[];

  constructor(bridge: CupdateBridge, now: () => number = Date.now) {
    this.#bridge = bridge;
    this.#unsubscribe = [
      on(bridge, 'summary', (summary) => (this.summary = { state: 'ready', value: summary })),
      on(bridge, 'progress', (event) => {
        if (event.type === 'queued' && this.#queued.size + this.#running.size === 0) {
          this.scan = { queued: 0, running: 0, done: 0, failed: 0 }; // a new scan starts
        }
        this.#queued.delete(event.reference);
        this.#running.delete(event.reference);
        if (event.type === 'queued') this.#queued.add(event.reference);
        if (event.type === 'running') this.#running.add(event.reference);
        this.scan = {
          queued: this.#queued.size,
          running: this.#running.size,
          done: this.scan.done + (event.type === 'done' ? 1 : 0),
          failed: this.scan.failed + (event.type === 'failed' ? 1 : 0),
        };
      }),
      on(bridge, 'image-updated', (event) => {
        if (event.error === null && (event.kind === null || event.kind === 'none')) return;
        const others = this.recent.filter((r) => r.reference !== event.reference);
        this.recent = [{ ...event, at: now() }, ...others].slice(0, RECENT_KEPT);
      }),
    ];
    void this.reload();
  }

  async reload(): Promise<void> {
    const [summary, history] = await Promise.all([
      settle(() => this.#bridge.invoke('summary', {})),
      settle(() => this.#bridge.invoke('recentUpdates', { limit: RECENT_KEPT })),
    ]);
    this.summary = summary;
    // Findings of earlier scans (and earlier runs of the app) under the ones this page saw live.
    if (history.state === 'ready') {
      const live = new Set(this.recent.map((item) => item.reference));
      const earlier = history.value
        .filter((item) => !live.has(item.reference))
        .map((item) => ({ ...item, error: null }));
      this.recent = [...this.recent, ...earlier].slice(0, RECENT_KEPT);
    }
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }
}
