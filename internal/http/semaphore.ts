// A counting semaphore for one host's in-flight requests. Waiters queue in arrival order; a waiter
// whose signal aborts leaves the queue at once (it never takes a slot), so an abandoned request
// cannot hold up the ones behind it.

interface Waiter {
  readonly resolve: () => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

export class Semaphore {
  #inUse = 0;
  readonly #limit: number;
  readonly #queue: Waiter[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
    }
    this.#limit = limit;
  }

  get inUse(): number {
    return this.#inUse;
  }

  /** Takes a slot without waiting when one is free (the common, allocation-free path). */
  tryAcquire(): boolean {
    if (this.#inUse >= this.#limit) return false;
    this.#inUse++;
    return true;
  }

  /** Waits for a slot; rejects with `signal.reason` if the signal aborts first. */
  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  /** Frees a slot, handing it straight to the longest waiting request if there is one. */
  release(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#inUse--;
      return;
    }
    next.signal.removeEventListener('abort', next.onAbort);
    next.resolve();
  }
}
