// The session's one source of ApiEvents. It numbers graph patches itself, across app switches, so
// the sequence a snapshot carries and the sequence of every streamed patch are the same counter:
// patches arriving within `patchWindowMs` become one `graph-patch`, a `summary` goes out at most
// every `summaryIntervalMs` when something changed (with the queue counts), and a switch of platforms is one `graph-reset`.
// Coalescing happens once here, not per client, because the sequence must be the same for all.
import type { ApiEventName, ApiEvents } from './contract.js';
import type { GraphPatch } from '../graph/types.js';
import type { StoreSummary } from '../model/summary.js';
import type { QueueCounts } from '../scheduler/scheduler.js';

export type ApiListener = <E extends ApiEventName>(name: E, event: ApiEvents[E]) => void;

export interface LiveEventsOptions {
  /** The current summary; undefined when there is none to read (no app running). */
  readonly summary: () => StoreSummary | undefined;
  /** The scheduler's queue now; sent with the summary. */
  readonly queue: () => QueueCounts | undefined;
  /** Default 50 ms. */
  readonly patchWindowMs?: number;
  /** Default 250 ms. */
  readonly summaryIntervalMs?: number;
  /** Told when a listener throws (a broken client must not stop the others). */
  readonly onListenerError?: (error: unknown) => void;
}

export class LiveEvents {
  readonly #options: Required<LiveEventsOptions>;
  readonly #listeners = new Set<ApiListener>();
  #sequence = 0;
  #pending: GraphPatch[] = [];
  #patchTimer: NodeJS.Timeout | undefined;
  #summaryTimer: NodeJS.Timeout | undefined;

  constructor(options: LiveEventsOptions) {
    this.#options = {
      patchWindowMs: 50,
      summaryIntervalMs: 250,
      onListenerError: (error) =>
        process.emitWarning(`an API event listener threw: ${(error as Error)?.message}`),
      ...options,
    };
  }

  /** The sequence of the last `graph-patch` or `graph-reset` sent. */
  get sequence(): number {
    return this.#sequence;
  }

  subscribe(listener: ApiListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Patches that were already applied to the app's graph; sent within the patch window. */
  patched(patches: readonly GraphPatch[]): void {
    this.#pending.push(...patches);
    this.#patchTimer ??= setTimeout(() => this.flush(), this.#options.patchWindowMs);
    this.changed();
  }

  /** Sends the pending patches now: a snapshot calls this so that it and the stream agree. */
  flush(): void {
    clearTimeout(this.#patchTimer);
    this.#patchTimer = undefined;
    if (this.#pending.length === 0) return;
    const patches = this.#pending;
    this.#pending = [];
    this.#emit('graph-patch', { sequence: ++this.#sequence, patches });
  }

  /** The graph was replaced: pending patches belong to the old one and are dropped. */
  reset(): void {
    clearTimeout(this.#patchTimer);
    this.#patchTimer = undefined;
    this.#pending = [];
    this.#emit('graph-reset', { sequence: ++this.#sequence });
    this.changed();
  }

  /** Something the summary or the queue counts changed: a `summary` and a `queue` follow within the summary interval. */
  changed(): void {
    this.#summaryTimer ??= setTimeout(() => {
      this.#summaryTimer = undefined;
      const summary = this.#options.summary();
      if (summary !== undefined) this.#emit('summary', summary);
      const queue = this.#options.queue();
      if (queue !== undefined) this.#emit('queue', queue);
    }, this.#options.summaryIntervalMs);
  }

  /** Events that need no coalescing. */
  pass<E extends Exclude<ApiEventName, 'graph-patch' | 'graph-reset' | 'summary' | 'queue'>>(
    name: E,
    event: ApiEvents[E],
  ): void {
    this.#emit(name, event);
  }

  /** Drops pending work and timers; listeners stay subscribed but hear nothing more. */
  close(): void {
    clearTimeout(this.#patchTimer);
    clearTimeout(this.#summaryTimer);
    this.#patchTimer = this.#summaryTimer = undefined;
    this.#pending = [];
    this.#listeners.clear();
  }

  #emit<E extends ApiEventName>(name: E, event: ApiEvents[E]): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(name, event);
      } catch (error) {
        this.#options.onListenerError(error);
      }
    }
  }
}
