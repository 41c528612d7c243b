// Waiting that stops when a signal aborts. A step that ignores its signal (or whose promise never
// settles) must still not hold up its job: the engine stops waiting for it at the abort and moves
// on; the abandoned promise's late result or rejection is absorbed, never unhandled.

import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms` unless `signal` aborts first (then rejects). Injectable so tests need not wait. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/**
 * Runs `work` and settles with it, or rejects with the abort reason. A synchronous throw is a
 * rejection. Work that answers synchronously (most small steps) is not wrapped in anything: no
 * extra promise, no abort listener (a run has a dozen of them; this is the engine's hot path).
 */
export function untilAborted<T>(work: () => Promise<T> | T, signal: AbortSignal): Promise<T> | T {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  let started: Promise<T> | T;
  try {
    started = work();
  } catch (error) {
    return Promise.reject(error as Error);
  }
  if (!isPromiseLike(started)) return started;
  const pending = started;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(pending)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isPromiseLike<T>(value: Promise<T> | T): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer; call when the work is over. */
  dispose(): void;
}

/**
 * A signal that aborts with `timeoutError()` after `timeoutMs` (if set), or when `parent` aborts.
 * Hand-linked rather than AbortSignal.any: on Node 20 that one is slow and keeps every child of a
 * long-lived parent alive (nodejs/node#48951, #54614), and a run's signal outlives many steps.
 */
export function deadline(
  parent: AbortSignal | null,
  timeoutMs: number | null,
  timeoutError: () => Error,
): Deadline {
  // Without a time limit the parent's signal is all there is; skip the extra controller (hot path).
  if (timeoutMs === null && parent !== null) return { signal: parent, dispose: () => {} };
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted === true) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const handle =
    timeoutMs === null ? undefined : setTimeout(() => controller.abort(timeoutError()), timeoutMs);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(handle);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
