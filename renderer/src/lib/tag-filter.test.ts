import { describe, expect, it } from 'vitest';
import { nextChipState, toTagFilter, type ChipState } from './tag-filter.js';

describe('tag chips', () => {
  it('cycle off → include → exclude → off', () => {
    expect(nextChipState('off')).toBe('include');
    expect(nextChipState('include')).toBe('exclude');
    expect(nextChipState('exclude')).toBe('off');
  });

  it('become the store filter: required tags as all (and) or any (or), excluded as none', () => {
    const chips = new Map<string, ChipState>([
      ['outdated', 'include'],
      ['namespace:prod', 'include'],
      ['failed', 'exclude'],
      ['bump:digest', 'off'],
    ]);
    expect(toTagFilter(chips, 'all')).toEqual({ all: ['outdated', 'namespace:prod'], none: ['failed'] });
    expect(toTagFilter(chips, 'any')).toEqual({ any: ['outdated', 'namespace:prod'], none: ['failed'] });
  });

  it('mean no filter when every chip is off', () => {
    expect(toTagFilter(new Map([['outdated', 'off']]), 'all')).toBeUndefined();
    expect(toTagFilter(new Map([['failed', 'exclude']]), 'all')).toEqual({ none: ['failed'] });
  });
});
