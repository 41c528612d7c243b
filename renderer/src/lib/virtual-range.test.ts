import { describe, expect, it } from 'vitest';
import { visibleRange } from './virtual-range.js';

const base = { count: 10_000, rowHeight: 50, viewportHeight: 500, overscan: 3 };

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped at the top', () => {
    expect(visibleRange({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 14, offset: 0 });
  });

  it('follows the scroll position', () => {
    expect(visibleRange({ ...base, scrollTop: 1000 * 50 + 20 })).toEqual({
      start: 997,
      end: 1014,
      offset: 997 * 50,
    });
  });

  it('clamps at the bottom and on overscroll', () => {
    const range = visibleRange({ ...base, scrollTop: 10_000 * 50 + 999 });
    expect(range.end).toBe(10_000);
    expect(range.start).toBeLessThanOrEqual(range.end);
  });

  it('is empty for no rows or a zero row height', () => {
    expect(visibleRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, offset: 0 });
    expect(visibleRange({ ...base, rowHeight: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, offset: 0 });
  });
});
