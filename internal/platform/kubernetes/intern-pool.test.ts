import { describe, expect, it } from 'vitest';
import { InternPool } from './intern-pool.js';

describe('InternPool', () => {
  it('hands out the first value made for a key to every later caller', () => {
    const pool = new InternPool<{ n: number }>(10);
    const first = pool.get('a', () => ({ n: 1 }));
    expect(pool.get('a', () => ({ n: 2 }))).toBe(first);
    expect(pool.get('b', () => ({ n: 3 }))).toEqual({ n: 3 });
  });

  it('starts over when full, so it never holds more than its bound', () => {
    const pool = new InternPool<number>(2);
    pool.get('a', () => 1);
    pool.get('b', () => 2);
    pool.get('c', () => 3);
    // 'a' was dropped with the rest when 'c' arrived: a new value is made for it.
    expect(pool.get('a', () => 4)).toBe(4);
  });
});
