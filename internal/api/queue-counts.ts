// How many images are queued and running, followed from the scheduler's progress events (the app
// does not expose its queue). Sets of references, not counters: an image asked for twice is queued
// once; one asked for again while it runs is both running and queued for its next run.
import type { ProgressEvent } from '../scheduler/scheduler.js';

export class QueueCounts {
  readonly #queued = new Set<string>();
  readonly #running = new Set<string>();

  track(event: ProgressEvent): void {
    switch (event.type) {
      case 'queued':
        this.#queued.add(event.reference);
        break;
      case 'running':
        this.#queued.delete(event.reference);
        this.#running.add(event.reference);
        break;
      case 'done':
      case 'failed':
        this.#running.delete(event.reference);
        break;
    }
  }

  counts(): { queued: number; running: number } {
    return { queued: this.#queued.size, running: this.#running.size };
  }
}
