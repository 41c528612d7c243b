// Waiting that stops when a signal aborts. A step that ignores its signal (or whose promise never
// settles) must still not hold up its job: the engine stops waiting for it at the abort and moves
// on; the abandoned promise's late result or rejection is absorbed, never unhandled.

import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms` unless `signal` aborts first (then rejects). Injectable so tests need not wait. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/** Runs `work` (sync throws become rejections) and settles with it, or rejects with the abort reason. */
export function untilAborted<T>(work: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
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
