// The queue between "an image was seen" and "process it": one entry per image reference however
// often it is asked for, the user's "check now" first, then images never processed, then
// re-checks; and never more images in flight against one registry than its budget allows, so a
// registry that answers 429 slows only itself.
import { messageOf } from '../model/message-of.js';

export type Priority = 'now' | 'new' | 'recheck';
const ORDER: readonly Priority[] = ['now', 'new', 'recheck'];

export type ProgressEvent =
  | { readonly type: 'queued'; readonly reference: string; readonly priority: Priority }
  | { readonly type: 'running'; readonly reference: string }
  | { readonly type: 'done'; readonly reference: string; readonly durationMs: number }
  | {
      readonly type: 'failed';
      readonly reference: string;
      readonly durationMs: number;
      readonly error: string;
    };

export interface SchedulerOptions {
  /** Processes one image; rejects (or resolves) when done. Receives an abort signal for stop(). */
  readonly run: (reference: string, signal: AbortSignal) => Promise<void>;
  /** Which registry an image belongs to (the unit of budgets). */
  readonly registryOf: (reference: string) => string;
  /** Images in flight at once across all registries. */
  readonly concurrency: number;
  /**
   * Images in flight at once for one registry, asked each time a slot opens: return 0 while the
   * registry is paused (429, budget spent) and the scheduler asks again after `retryDelayMs`.
   */
  readonly registryLimit: (registry: string) => number;
  readonly retryDelayMs?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly now?: () => number;
}

interface Entry {
  readonly reference: string;
  readonly registry: string;
  priority: Priority;
  /** Asked for again while running: run once more when this run ends. */
  again: Priority | null;
}

export interface QueueCounts {
  readonly queued: number;
  readonly running: number;
}

export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #queues: Record<Priority, Entry[]> = { now: [], new: [], recheck: [] };
  readonly #queued = new Map<string, Entry>();
  readonly #running = new Map<string, Entry>();
  readonly #perRegistry = new Map<string, number>();
  readonly #controller = new AbortController();
  readonly #idleWaiters: Array<() => void> = [];
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  /** Asks for an image to be processed. Asking again only ever raises its priority. */
  enqueue(reference: string, priority: Priority): void {
    if (this.#controller.signal.aborted) return;
    const running = this.#running.get(reference);
    if (running !== undefined) {
      // Results of the run under way may predate what prompted this request; run it once more.
      if (priority !== 'recheck') running.again = higher(running.again ?? priority, priority);
      return;
    }
    const queued = this.#queued.get(reference);
    if (queued !== undefined) {
      if (rank(priority) < rank(queued.priority)) {
        this.#remove(queued);
        queued.priority = priority;
        this.#queues[priority].push(queued);
        this.#options.onProgress?.({ type: 'queued', reference, priority });
        this.#pump();
      }
      return;
    }
    const entry: Entry = { reference, registry: this.#options.registryOf(reference), priority, again: null };
    this.#queued.set(reference, entry);
    if (priority === 'now') this.#queues.now.unshift(entry);
    else this.#queues[priority].push(entry);
    this.#options.onProgress?.({ type: 'queued', reference, priority });
    this.#pump();
  }

  counts(): QueueCounts {
    return { queued: this.#queued.size, running: this.#running.size };
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#queued.size === 0 && this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops the queue and aborts the images in flight; resolves when they have settled. */
  async stop(): Promise<void> {
    clearTimeout(this.#retryTimer);
    for (const entry of this.#queued.values()) this.#remove(entry);
    this.#queued.clear();
    this.#controller.abort();
    await this.idle();
  }

  #pump(): void {
    clearTimeout(this.#retryTimer);
    let blocked = false;
    while (this.#running.size < this.#options.concurrency) {
      const entry = this.#next();
      if (entry === undefined) {
        blocked = this.#queued.size > 0;
        break;
      }
      this.#start(entry);
    }
    if (blocked) this.#retryTimer = setTimeout(() => this.#pump(), this.#options.retryDelayMs ?? 250);
    this.#notifyIdle();
  }

  /** The first entry, by priority then age, whose registry has room. */
  #next(): Entry | undefined {
    const full = new Set<string>();
    for (const priority of ORDER) {
      for (const entry of this.#queues[priority]) {
        if (full.has(entry.registry)) continue;
        const inFlight = this.#perRegistry.get(entry.registry) ?? 0;
        if (inFlight < this.#options.registryLimit(entry.registry)) return entry;
        full.add(entry.registry);
      }
    }
    return undefined;
  }

  #start(entry: Entry): void {
    this.#remove(entry);
    this.#queued.delete(entry.reference);
    this.#running.set(entry.reference, entry);
    this.#perRegistry.set(entry.registry, (this.#perRegistry.get(entry.registry) ?? 0) + 1);
    const now = this.#options.now ?? Date.now;
    const startedAt = now();
    this.#options.onProgress?.({ type: 'running', reference: entry.reference });
    const settle = (error: unknown) => {
      this.#running.delete(entry.reference);
      this.#perRegistry.set(entry.registry, (this.#perRegistry.get(entry.registry) ?? 1) - 1);
      const durationMs = now() - startedAt;
      this.#options.onProgress?.(
        error === undefined
          ? { type: 'done', reference: entry.reference, durationMs }
          : { type: 'failed', reference: entry.reference, durationMs, error: messageOf(error) },
      );
      if (entry.again !== null) this.enqueue(entry.reference, entry.again);
      this.#pump();
    };
    // A run that throws synchronously is a failed run, not a broken scheduler.
    Promise.resolve()
      .then(() => this.#options.run(entry.reference, this.#controller.signal))
      .then(
        () => settle(undefined),
        (error: unknown) => settle(error ?? new Error('rejected without a reason')),
      );
  }

  #remove(entry: Entry): void {
    const queue = this.#queues[entry.priority];
    const index = queue.indexOf(entry);
    if (index !== -1) queue.splice(index, 1);
  }

  #notifyIdle(): void {
    if (this.#queued.size > 0 || this.#running.size > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

function rank(priority: Priority): number {
  return ORDER.indexOf(priority);
}

function higher(a: Priority, b: Priority): Priority {
  return rank(a) <= rank(b) ? a : b;
}
