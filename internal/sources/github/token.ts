// The optional GitHub token: without one GitHub allows 60 requests an hour per IP address, with one
// 5,000 (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api). It is looked for
// where a user already keeps it, in this order: the app's setting, the environment (`GH_TOKEN`
// before `GITHUB_TOKEN`, the GitHub CLI's precedence: cli.github.com/manual/gh_help_environment),
// then the GitHub CLI's hosts file. The value never leaves this object except as the Authorization
// header sent to the GitHub API (see api.ts); printing the object shows where it came from only.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { tokenFromGhHosts } from './gh-hosts-file.js';

/** Where a token was found, as the settings screen may show it. */
export type GithubTokenOrigin = 'setting' | 'GH_TOKEN' | 'GITHUB_TOKEN' | 'gh hosts file';

// RFC 9110 §5.5 field values; a token is a single visible-ASCII word. Checking here keeps a pasted
// token with a newline from reaching the HTTP layer, whose error could quote the header.
const TOKEN_SYNTAX = /^[\x21-\x7e]+$/;

/** A token with a header value that cannot be printed by accident. */
export class GithubToken {
  readonly #value: string;

  constructor(
    value: string,
    readonly origin: GithubTokenOrigin,
  ) {
    if (!TOKEN_SYNTAX.test(value)) throw new GithubTokenError(origin);
    this.#value = value;
  }

  /** The Authorization header value; only api.ts calls this. */
  authorization(): string {
    return `Bearer ${this.#value}`;
  }

  toString(): string {
    return `GitHub token from ${this.origin}`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A token was configured but is not usable as an HTTP header; the message never holds it. */
export class GithubTokenError extends Error {
  override readonly name = 'GithubTokenError';
  constructor(readonly origin: GithubTokenOrigin) {
    super(
      `the GitHub token from ${origin} is not a single word of visible characters; ` +
        'paste it again without spaces or line breaks',
    );
  }
}

export interface TokenSources {
  /** The token typed into the app's settings; empty means none. */
  readonly setting?: string | null;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The home directory for `~/.config/gh` (default: the user's). */
  readonly homeDir?: string;
}

/** The first token found, or null: every request is then anonymous. Throws GithubTokenError for a malformed one. */
export async function resolveGithubToken(sources: TokenSources = {}): Promise<GithubToken | null> {
  const env = sources.env ?? process.env;
  const candidates: [GithubTokenOrigin, string | null | undefined][] = [
    ['setting', sources.setting],
    ['GH_TOKEN', env['GH_TOKEN']],
    ['GITHUB_TOKEN', env['GITHUB_TOKEN']],
  ];
  for (const [origin, value] of candidates) {
    const trimmed = value?.trim();
    if (trimmed) return new GithubToken(trimmed, origin);
  }
  const fromFile = await readGhHostsToken(ghConfigDir(env, sources.homeDir ?? homedir()));
  return fromFile === null ? null : new GithubToken(fromFile, 'gh hosts file');
}

/** gh's config directory: `GH_CONFIG_DIR`, else `$XDG_CONFIG_HOME/gh`, else `~/.config/gh` (cli/cli internal/config). */
function ghConfigDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (env['GH_CONFIG_DIR']) return env['GH_CONFIG_DIR'];
  if (env['XDG_CONFIG_HOME']) return join(env['XDG_CONFIG_HOME'], 'gh');
  return join(home, '.config', 'gh');
}

async function readGhHostsToken(configDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(join(configDir, 'hosts.yml'), 'utf8');
  } catch {
    // No gh CLI, or no login: anonymous requests, as without any token.
    return null;
  }
  return tokenFromGhHosts(text);
}
