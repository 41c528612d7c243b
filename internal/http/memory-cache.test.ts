import { describe, expect, it } from 'vitest';
import { MemoryCache } from './memory-cache.js';
import type { CacheEntry } from './types.js';

function entry(bodyBytes: number): CacheEntry {
  return { status: 200, headers: {}, body: new Uint8Array(bodyBytes), storedAt: 0, expiresAt: null };
}

describe('MemoryCache', () => {
  it('evicts the least recently used entry when over its entry count', () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a'); // a is now more recent than b
    cache.set('c', entry(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('evicts by bytes, skips an entry larger than the whole cache, and keeps its byte count exact', () => {
    const cache = new MemoryCache({ maxBytes: 100 });
    cache.set('a', entry(40));
    cache.set('b', entry(40));
    cache.set('c', entry(40));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(82);
    cache.set('huge', entry(1000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set('b', entry(10));
    cache.delete('c');
    expect(cache.bytes).toBe(11);
  });
});
