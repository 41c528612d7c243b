// One request in flight per immutable answer (docs/http.md, "Cache"): when many images need the
// same manifest or blob by digest at the same moment (every image of a repository sharing a base
// index, a scan of hundreds of pods of one deployment), the first caller sends it and the others
// wait for that answer instead of each sending their own. Only for content-addressed URLs: their
// answer cannot differ between callers in a way that matters (the cache shares it the same way).
//
// A waiter is not tied to the sender's fate: if the sender's own signal aborts the request, a
// waiter that did not abort sends the request itself; a waiter whose signal aborts stops waiting
// at once, and the request goes on for the others.

export interface Flight<T> {
  readonly value: T;
  /** True when another caller's request answered this one. */
  readonly shared: boolean;
}

export class SingleFlight<T> {
  readonly #pending = new Map<string, Promise<T>>();

  /** Requests in flight now (for tests). */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * `send()` unless a request for `key` is in flight; then that request's answer. `abortedBySender`
   * tells a rejection caused by the sender's abort (retry it here) from a real failure (share it).
   */
  async run(
    key: string,
    signal: AbortSignal | undefined,
    send: () => Promise<T>,
    abortedBySender: (error: unknown) => boolean,
  ): Promise<Flight<T>> {
    for (let pending = this.#pending.get(key); pending !== undefined; pending = this.#pending.get(key)) {
      try {
        return { value: await whileNotAborted(pending, signal), shared: true };
      } catch (error) {
        if (signal?.aborted === true || !abortedBySender(error)) throw error;
        // The sender gave up; whoever comes first now sends it again.
      }
    }
    const own = send();
    this.#pending.set(key, own);
    try {
      return { value: await own, shared: false };
    } finally {
      if (this.#pending.get(key) === own) this.#pending.delete(key);
    }
  }
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function whileNotAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
