// Shell quoting for every command an update action shows. The commands are copied into a POSIX
// shell (sh, dash, bash, zsh), and every word in them may come from untrusted text: a container
// label, a compose service name, a tag from a registry. The only safe form for arbitrary text is
// single quotes (POSIX.1-2017, Shell Command Language §2.2.2: "Enclosing characters in
// single-quotes shall preserve the literal value of each character within the single-quotes"),
// in which nothing is special but the closing quote itself; a single quote is written as `'\''`
// (close, escaped quote, reopen). Words made only of characters no shell treats specially are left
// bare so the common command stays readable.

/** Characters that mean nothing to any POSIX shell, nor to zsh or bash, anywhere in a word. */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `word` as one shell word whose value is exactly `word`. */
export function quote(word: string): string {
  if (BARE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * One command line: each word quoted. `words` may hold a `ShellWord` written by this module for
 * a deliberate expansion (see `variableFromShell`); nothing else is ever left unquoted.
 */
export function shellCommand(words: readonly (string | ShellWord)[]): string {
  return words.map((word) => (typeof word === 'string' ? quote(word) : word.text)).join(' ');
}

/** A word already in shell syntax; made only by the functions below. */
export interface ShellWord {
  readonly text: string;
}

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be a shell variable (POSIX §3.235 "Name"). */
export function isShellName(name: string): boolean {
  return SHELL_NAME.test(name);
}

/**
 * `NAME=<the value of the shell variable NAME>` as one word, or a shell error that stops the
 * command when NAME is unset (`${NAME?word}`, POSIX §2.6.2): a value the command must carry over
 * is never silently dropped. Only for shell names, so nothing in the word but the one expansion
 * is special inside the double quotes.
 */
export function variableFromShell(name: string): ShellWord {
  return { text: `"${name}=${required(name)}"` };
}

/**
 * A command that fails, before anything else on its line runs, when one of `names` is unset:
 * `: "${A?…}" "${B?…}"` (`:` does nothing; its arguments' expansion is the check).
 */
export function requireVariables(names: readonly string[]): string {
  return [':', ...names.map((name) => `"${required(name)}"`)].join(' ');
}

function required(name: string): string {
  if (!isShellName(name)) throw new Error(`${JSON.stringify(name)} is not a shell variable name`);
  return `\${${name}?set ${name} first, docker inspect shows its value}`;
}
