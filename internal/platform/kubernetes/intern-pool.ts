// One shared copy of equal values. JSON.parse gives every pod its own copy of the same image name,
// digest, namespace and label set: on a cluster of 20,000 pods that is most of what is held. The
// pool is bounded: when full it starts over, so values that stopped being used are not kept
// forever; what was handed out stays shared, only later arrivals stop matching it.
export class InternPool<T> {
  readonly #values = new Map<string, T>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** The value pooled under `key`, else `make()` pooled under it. */
  get(key: string, make: () => T): T {
    const found = this.#values.get(key);
    if (found !== undefined) return found;
    if (this.#values.size >= this.#max) this.#values.clear();
    const value = make();
    this.#values.set(key, value);
    return value;
  }
}

/** The same pool for strings: the first copy seen is the one everybody keeps. */
export class StringPool {
  readonly #pool: InternPool<string>;

  constructor(max: number) {
    this.#pool = new InternPool(max);
  }

  get(value: string): string {
    return this.#pool.get(value, () => value);
  }
}
