import { describe, expect, it } from 'vitest';
import { compareText } from './compare-text.js';

describe('compareText', () => {
  it('orders by UTF-16 code unit, whatever the locale: capitals before small letters, accents last', () => {
    expect(['b', 'a', 'B', 'é', 'A', 'z'].sort(compareText)).toEqual(['A', 'B', 'a', 'b', 'z', 'é']);
  });
  it('says equal only for the same text, and a prefix sorts first', () => {
    expect(compareText('team-1', 'team-1')).toBe(0);
    expect(compareText('team', 'team-1')).toBeLessThan(0);
    expect(compareText('team-10', 'team-1')).toBeGreaterThan(0);
  });
});
