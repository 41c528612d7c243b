// Untrusted text (a list file's lines, registry and platform messages, labels) written where a
// person reads it. Control characters are shown as `\u001b`-style escapes, so a list file cannot
// set the terminal's title, clear its screen or move its cursor (`printf '\033]0;…'`, issue 15),
// and bidirectional overrides cannot reorder what is shown (CVE-2021-42574, "Trojan Source").
//   - C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F): ECMA-48 controls; C1's CSI (U+009B) works
//     like ESC [ in terminals that accept 8-bit controls.
//   - U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069: Unicode bidi formatting (UAX #9).
const C1_AND_DEL = '\\u007f-\\u009f';
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROLS = new RegExp(`[\\u0000-\\u001f${C1_AND_DEL}${BIDI}]`, 'g');
// JSON.stringify already escapes C0 (RFC 8259 §7); the rest would reach a terminal as they are.
const NOT_ESCAPED_BY_JSON = new RegExp(`[${C1_AND_DEL}${BIDI}]`, 'g');
// Text documents (Markdown, CSV, HTML) keep their line breaks (LF, CR) and tabs.
const NOT_TEXT = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${C1_AND_DEL}${BIDI}]`, 'g');

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` as one line for a terminal: every control character, line breaks included, escaped. */
export function terminalLine(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** `value` as indented JSON in which no character can control a terminal (still the same JSON value). */
export function terminalJson(value: unknown): string {
  // Only string contents can hold these characters, and `\uXXXX` is valid there.
  return JSON.stringify(value, null, 2).replace(NOT_ESCAPED_BY_JSON, escape);
}

/** A text document (a Markdown or CSV report) with its line breaks and tabs, and no other control. */
export function terminalDocument(text: string): string {
  return text.replace(NOT_TEXT, escape);
}
