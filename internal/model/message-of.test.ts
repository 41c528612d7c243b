import { describe, expect, it } from 'vitest';
import { messageOf } from './message-of.js';

describe('messageOf', () => {
  it("gives an Error's message", () => {
    expect(messageOf(new TypeError('bad input'))).toBe('bad input');
  });
  it('gives anything else as text, never undefined', () => {
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf({ message: 'not an Error' })).toBe('[object Object]');
  });
});
