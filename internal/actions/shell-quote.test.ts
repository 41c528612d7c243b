// The quoting is the safety claim of every action: each test runs the quoted words through a real
// shell (`sh -c`, and bash when present) that prints its argv, and compares with the input.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isShellName, quote, shellCommand, variableFromShell } from './shell-quote.js';

const SHELLS = ['/bin/sh', '/bin/bash', '/usr/bin/zsh'].filter((shell) => existsSync(shell));

/** The argv a shell sees for `line` (after `printf '%s\0'`), with `env` as its environment. */
function argvOf(shell: string, line: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${line}`], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    // bash reads ~/.bashrc when its stdin looks like a remote shell daemon's socket.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('\0').slice(0, -1);
}

const HOSTILE = [
  'web; rm -rf /',
  '$(touch /tmp/pwned)',
  '`id`',
  "it's",
  "'",
  "''",
  '"',
  'a\nb',
  '\n',
  'tab\there',
  '*',
  '~',
  '~root',
  '-rf',
  '--help',
  '!',
  '!!',
  '#comment',
  'a=b c',
  '${HOME}',
  '$HOME',
  '\\',
  '\\n',
  '&& echo',
  '|',
  '> /etc/passwd',
  '<(id)',
  '{a,b}',
  '[ab]',
  '?',
  '%1',
  'ünïcødé 🐳',
  ' leading and trailing ',
  '',
];

/** A deterministic PRNG (mulberry32): the same hostile strings on every run, many of them. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [...'abcXYZ019 \t\n\'"`$(){}[]<>|&;*?~!#\\=-_./:@%^,+', 'é', '🐳', '\r'];

function hostileStrings(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from(
      { length: Math.floor(next() * 24) },
      () => ALPHABET[Math.floor(next() * ALPHABET.length)],
    ).join(''),
  );
}

describe('quote', () => {
  it('leaves plain words bare and single-quotes anything else', () => {
    expect(quote('nginx:1.26')).toBe('nginx:1.26');
    expect(quote('docker.io/library/nginx:1.26@sha256:abc')).toBe('docker.io/library/nginx:1.26@sha256:abc');
    expect(quote('web=nginx:1.26')).toBe('web=nginx:1.26');
    expect(quote('a b')).toBe("'a b'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote('')).toBe("''");
  });

  for (const shell of SHELLS) {
    it(`round-trips hostile words through a real ${shell} unchanged`, () => {
      expect(argvOf(shell, HOSTILE.map(quote).join(' '))).toEqual(HOSTILE);
    });

    it(`round-trips 400 generated hostile words through ${shell}, 40 per command`, () => {
      const words = hostileStrings(400, 13);
      for (let i = 0; i < words.length; i += 40) {
        const batch = words.slice(i, i + 40);
        expect(argvOf(shell, shellCommand(batch))).toEqual(batch);
      }
    });
  }

  it('runs nothing that a hostile word spells (no file appears)', () => {
    const marker = `/tmp/cupdate-quote-${process.pid}`;
    const words = [`$(touch ${marker})`, `;touch ${marker}`, `\`touch ${marker}\``, `\ntouch ${marker}\n`];
    argvOf('/bin/sh', shellCommand(words));
    expect(existsSync(marker)).toBe(false);
  });
});

describe('variableFromShell', () => {
  const word = variableFromShell('DB_PASSWORD');

  it('passes the variable of the shell that runs the command, whatever it holds', () => {
    const value = `p@ss 'w"o$(rd)\n`;
    expect(argvOf('/bin/sh', shellCommand(['-e', word]), { DB_PASSWORD: value })).toEqual([
      '-e',
      `DB_PASSWORD=${value}`,
    ]);
    expect(argvOf('/bin/sh', shellCommand([word]), { DB_PASSWORD: '' })).toEqual(['DB_PASSWORD=']);
  });

  it('stops the command with an error naming the variable when it is unset', () => {
    expect(() =>
      execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellCommand([word])}`], {
        env: { PATH: process.env.PATH ?? '' },
        stdio: 'pipe',
      }),
    ).toThrow(/DB_PASSWORD: set DB_PASSWORD first/);
  });

  it('refuses a name that is not a shell name', () => {
    expect(isShellName('A B')).toBe(false);
    expect(isShellName('$(id)')).toBe(false);
    expect(isShellName('_OK1')).toBe(true);
    expect(() => variableFromShell('$(id)')).toThrow(/not a shell variable name/);
  });
});
