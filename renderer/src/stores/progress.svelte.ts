// How many images are queued and running, and how far the current scan got (the dashboard's
// progress bar). A scan counts from the first image queued while the queue was empty until it is
// empty again.
//
// The core sends its queue counts only in the snapshot, so between snapshots they are rebuilt here
// from `progress` events, the way internal/api/queue-counts.ts rebuilds them in the core: sets of
// references (an image queued twice is queued once; one queued again while it runs is in both).
// This is the renderer's only copy of that reconstruction: when the core streams its counts (the
// App's queue, docs/api.md "Open points"), `track` shrinks to taking them and the sets go.
import type { ApiEvents, Snapshot } from '../../../internal/api/contract.js';

export interface ScanProgress {
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
}

const IDLE: ScanProgress = { queued: 0, running: 0, done: 0, failed: 0 };

export class ProgressStore {
  scan: ScanProgress = $state.raw(IDLE);
  readonly #queued = new Set<string>();
  readonly #running = new Set<string>();
  /**
   * Images the last snapshot counted but no event named yet: a page opened in the middle of a scan
   * learns which references they are only as they move on.
   */
  #unnamed = { queued: 0, running: 0 };

  /** The live feed's side: the snapshot's counts replace what the events built. */
  replaceAll(queue: Snapshot['queue']): void {
    this.#queued.clear();
    this.#running.clear();
    this.#unnamed = { ...queue };
    this.#publish(this.scan.done, this.scan.failed);
  }

  /** The live feed's side: one `progress` event. */
  track(event: ApiEvents['progress']): void {
    let { done, failed } = this.scan;
    switch (event.type) {
      case 'queued':
        if (this.scan.queued + this.scan.running === 0) done = failed = 0; // a new scan starts
        this.#queued.add(event.reference);
        break;
      case 'running':
        if (!this.#queued.delete(event.reference))
          this.#unnamed.queued = Math.max(0, this.#unnamed.queued - 1);
        this.#running.add(event.reference);
        break;
      case 'done':
      case 'failed':
        if (!this.#running.delete(event.reference))
          this.#unnamed.running = Math.max(0, this.#unnamed.running - 1);
        if (event.type === 'done') done += 1;
        else failed += 1;
        break;
    }
    this.#publish(done, failed);
  }

  #publish(done: number, failed: number): void {
    this.scan = {
      queued: this.#queued.size + this.#unnamed.queued,
      running: this.#running.size + this.#unnamed.running,
      done,
      failed,
    };
  }
}
