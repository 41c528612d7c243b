// How many images are queued and running, and how far the current scan got (the dashboard's
// progress bar). The queue counts are the core's own (the snapshot's, then every coalesced `queue`
// event: App.queue()); this store only counts what the current scan finished, from `progress`
// events. A scan runs from the first image queued while the queue was empty until it is empty again.
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
  /** A scan is under way: an image was queued since the core last said the queue was empty. */
  #scanning = false;

  /** The core's queue counts (the snapshot's, then each `queue` event). */
  replaceAll(queue: Snapshot['queue']): void {
    if (queue.queued + queue.running === 0) this.#scanning = false;
    this.scan = { ...this.scan, queued: queue.queued, running: queue.running };
  }

  /** One `progress` event: what the current scan finished. */
  track(event: ApiEvents['progress']): void {
    switch (event.type) {
      case 'queued':
        // The first image queued while idle starts a new scan.
        if (!this.#scanning) this.scan = { ...this.scan, done: 0, failed: 0 };
        this.#scanning = true;
        break;
      case 'done':
        this.scan = { ...this.scan, done: this.scan.done + 1 };
        break;
      case 'failed':
        this.scan = { ...this.scan, failed: this.scan.failed + 1 };
        break;
      case 'running':
        break;
    }
  }
}
