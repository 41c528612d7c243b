// A clock for HttpClient's `now`/`sleep` options in tests: time moves only when the test says so
// (or, with `autoAdvance`, when the client sleeps), so Retry-After waits of seconds take no real
// time and the test can see what the client is waiting for.

interface Sleeper {
  readonly due: number;
  readonly resolve: () => void;
}

export class ManualClock {
  #now: number;
  #sleepers: Sleeper[] = [];
  /** Every wait the client asked for, in ms, in order. */
  readonly sleeps: number[] = [];
  readonly #autoAdvance: boolean;

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.#now = options.start ?? Date.UTC(2026, 10, 27, 12);
    this.#autoAdvance = options.autoAdvance ?? false;
  }

  readonly now = (): number => this.#now;

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        due: this.#now + ms,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
      if (this.#autoAdvance) setImmediate(() => this.advanceTo(sleeper.due));
    });
  };

  /** How many client waits are pending. */
  get waiting(): number {
    return this.#sleepers.length;
  }

  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  advanceTo(time: number): void {
    this.#now = Math.max(this.#now, time);
    const due = this.#sleepers.filter((s) => s.due <= this.#now);
    this.#sleepers = this.#sleepers.filter((s) => s.due > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }
}
