import type { CacheEntry, CacheStore } from './types.js';

export interface MemoryCacheOptions {
  /** Default 10,000 entries. */
  readonly maxEntries?: number;
  /** Default 64 MiB of bodies and headers. */
  readonly maxBytes?: number;
}

/**
 * A bounded least-recently-used cache in memory. A Map keeps insertion order, so re-inserting an
 * entry on every read makes the first key the least recently used one, which is evicted first.
 */
export class MemoryCache implements CacheStore {
  readonly #entries = new Map<string, { entry: CacheEntry; bytes: number }>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Bytes held now (bodies plus an estimate of headers and key). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): CacheEntry | undefined {
    const slot = this.#entries.get(key);
    if (slot === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, slot);
    return slot.entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    const bytes = sizeOf(key, entry);
    // An entry larger than the whole cache would evict everything and then not fit: skip it.
    if (bytes > this.#maxBytes) return;
    this.#entries.set(key, { entry, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  delete(key: string): void {
    const slot = this.#entries.get(key);
    if (slot === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= slot.bytes;
  }

  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) return;
      this.delete(key);
    }
  }
}

function sizeOf(key: string, entry: CacheEntry): number {
  let bytes = key.length + entry.body.byteLength;
  for (const name in entry.headers) bytes += name.length + (entry.headers[name]?.length ?? 0);
  return bytes;
}
