import { describe, expect, it } from 'vitest';
import { durationText } from './duration-text.js';

describe('durationText', () => {
  it('says milliseconds below a second, else seconds to a tenth', () => {
    expect([durationText(600), durationText(2000), durationText(2500), durationText(29_999)]).toEqual([
      '600 ms',
      '2 s',
      '2.5 s',
      '30 s',
    ]);
  });
});
