// Calls `fn` once `ms` after the last call: typing a search or a burst of events becomes one request.
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Drops the pending call (its owner is going away). */
  cancel(): void;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(debounced, { cancel: () => clearTimeout(timer) });
}
