import { describe, expect, it } from 'vitest';
import { terminalDocument, terminalJson, terminalLine } from './terminal-text.js';

// What `printf '\033]0;owned\007\033[2J'` in a list file would send: a window title and a screen clear.
const OSC_TITLE_AND_CLEAR = '\u001b]0;owned\u0007\u001b[2J';

describe('terminal text', () => {
  it('escapes every control character of a line, line breaks included, and keeps the rest', () => {
    expect(terminalLine(`line 3 (${OSC_TITLE_AND_CLEAR}): bad\nnext`)).toBe(
      'line 3 (\\u001b]0;owned\\u0007\\u001b[2J): bad\\u000anext',
    );
    expect(terminalLine('\u009b31m C1 CSI, DEL\u007f')).toBe('\\u009b31m C1 CSI, DEL\\u007f');
    expect(terminalLine('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
    expect(terminalLine('ghcr.io/org/app:1.2 — ünïcödé ✓')).toBe('ghcr.io/org/app:1.2 — ünïcödé ✓');
  });

  it('writes JSON in which no control character is raw, and which parses to the same value', () => {
    const value = { reason: `${OSC_TITLE_AND_CLEAR}\u009b2J\u202e`, n: 1 };
    const text = terminalJson(value);
    const raw = [...text].filter((char) => {
      const code = char.charCodeAt(0);
      return (code < 0x20 && char !== '\n') || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
    });
    expect(raw).toEqual([]);
    expect(JSON.parse(text)).toEqual(value);
  });

  it("keeps a document's line breaks and tabs and escapes the other controls", () => {
    expect(terminalDocument(`| a\t| ${OSC_TITLE_AND_CLEAR} |\r\n`)).toBe(
      '| a\t| \\u001b]0;owned\\u0007\\u001b[2J |\r\n',
    );
  });
});
