// Time spent writing to the store (graph replacements and saved checks), for App.stats(): the
// pipeline's speed depends on it, and a slow disk shows here first.
import type { Store } from '../store/store.js';

export interface TimedStore {
  readonly store: Store;
  /** Milliseconds spent in write transactions so far. */
  writeMs(): number;
}

export function withWriteTiming(store: Store): TimedStore {
  let total = 0;
  const timed =
    <A extends unknown[], R>(write: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now();
      try {
        return write(...args);
      } finally {
        total += performance.now() - started;
      }
    };
  return {
    store: {
      ...store,
      replacePlatformGraph: timed(store.replacePlatformGraph),
      saveProcessed: timed(store.saveProcessed),
    },
    writeMs: () => total,
  };
}
