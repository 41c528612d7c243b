// The user's registry credentials, read the way the Docker CLI reads them: $DOCKER_CONFIG/config.json
// (default ~/.docker/config.json) with `auths`, `credsStore` and `credHelpers`
// (docs.docker.com/reference/cli/docker/login/#credential-stores). Held in memory only: never
// written, logged or serialized (toString/toJSON/inspect print the username only).
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { credentialIdentity } from './credential-identity.js';

const DOCKER_HUB = 'docker.io';
// Docker Hub's credentials are stored, and asked of helpers, under its v1 index URL.
const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);
// docker-credential-helpers' credentials.NewErrCredentialsNotFound message: not an error for us.
const HELPER_NOT_FOUND = 'credentials not found in native keychain';

export type CredentialKind = 'basic' | 'identity-token';

/** A username and a secret (password or identity/refresh token) for one registry. */
export class RegistryCredential {
  readonly #secret: string;
  /** A keyed hash of all four fields (credential-identity.ts): what cached answers are kept under. */
  readonly identity: string;
  constructor(
    readonly registry: string,
    readonly kind: CredentialKind,
    readonly username: string,
    secret: string,
  ) {
    this.#secret = secret;
    this.identity = credentialIdentity(registry, kind, username, secret);
    Object.freeze(this);
  }
  /** The password or identity token; only the registry client reads it. */
  revealSecret(): string {
    return this.#secret;
  }
  toString(): string {
    return `RegistryCredential(${this.registry}, ${this.kind}, ${this.username}, secret hidden)`;
  }
  toJSON(): object {
    return { registry: this.registry, kind: this.kind, username: this.username };
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** Anything that can find credentials for a registry domain ("docker.io", "localhost:5000"). */
export interface CredentialProvider {
  get(registry: string): Promise<RegistryCredential | undefined>;
  /** The user changed a login (one registry, or all): drop what is remembered, e.g. failed helpers. */
  forget?(registry?: string): void;
}

export class CredentialHelperError extends Error {
  override readonly name = 'CredentialHelperError';
  constructor(
    readonly helper: string,
    readonly registry: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Credential helper docker-credential-${helper} failed for registry ${registry}: ${problem}. ` +
        `Install it on PATH or fix it, or remove it from your Docker config.json. It is not run ` +
        `again until config.json changes or a login for ${registry} is given or changed in the app.`,
      options,
    );
  }
}

export class CredentialConfigError extends Error {
  override readonly name = 'CredentialConfigError';
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Docker config ${path} ${problem}. Fix or remove the file (run "docker login" to recreate it).`,
      options,
    );
  }
}

interface AuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
}

interface DockerConfig {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly credsStore?: string;
  readonly credHelpers?: Readonly<Record<string, string>>;
}

export interface DockerConfigOptions {
  /** Directory holding config.json; default $DOCKER_CONFIG, then ~/.docker. */
  readonly configDir?: string;
  /** Environment for helpers (PATH); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  readonly helperTimeoutMs?: number;
}

/** "https://index.docker.io/v1/", "index.docker.io", "ghcr.io/" → the registry domain they mean. */
export function registryOfServerAddress(address: string): string {
  const host = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0] ?? '';
  return DOCKER_HUB_ALIASES.has(host.toLowerCase()) ? DOCKER_HUB : host.toLowerCase();
}

/**
 * Answers per registry from config.json, asking helpers when configured. The file is read again
 * whenever it changed (`docker login` in a terminal is picked up at the next look-up). A helper
 * that failed is remembered with its error, per helper and registry, and not run again until the
 * user changes something: config.json changes, or `forget()` (a login given in the app). Running
 * it for every request of a scan would cost up to its timeout each time and, for a keychain
 * helper, could ask the user to unlock it again and again.
 */
export class DockerConfigCredentials implements CredentialProvider {
  readonly #path: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #helperTimeoutMs: number;
  /** The config as read, and the file's stat stamp then: read again when the stamp changes. */
  #config: { readonly stamp: string; readonly read: Promise<DockerConfig> } | undefined;
  /** Failed helpers by `<helper> <registry>`. */
  readonly #failed = new Map<string, CredentialHelperError>();

  constructor(options: DockerConfigOptions = {}) {
    const env = options.env ?? process.env;
    const dir = options.configDir ?? env.DOCKER_CONFIG ?? join(homedir(), '.docker');
    this.#path = join(dir, 'config.json');
    this.#env = env;
    this.#helperTimeoutMs = options.helperTimeoutMs ?? 5_000;
  }

  async get(registry: string): Promise<RegistryCredential | undefined> {
    const config = await this.#current();
    const domain = registryOfServerAddress(registry);
    const helper = findByRegistry(config.credHelpers, domain) ?? config.credsStore;
    if (helper !== undefined && helper !== '') {
      const fromHelper = await this.#askHelper(helper, domain);
      if (fromHelper !== undefined) return fromHelper;
    }
    const entry = findByRegistry(config.auths, domain);
    return entry === undefined ? undefined : fromAuthEntry(this.#path, domain, entry);
  }

  forget(registry?: string): void {
    const domain = registry === undefined ? undefined : registryOfServerAddress(registry);
    for (const key of [...this.#failed.keys()]) {
      if (domain === undefined || key.endsWith(` ${domain}`)) this.#failed.delete(key);
    }
  }

  async #askHelper(helper: string, domain: string): Promise<RegistryCredential | undefined> {
    const key = `${helper} ${domain}`;
    const failed = this.#failed.get(key);
    if (failed !== undefined) throw failed;
    try {
      return await runHelper(helper, domain, this.#env, this.#helperTimeoutMs);
    } catch (error) {
      if (error instanceof CredentialHelperError) this.#failed.set(key, error);
      throw error;
    }
  }

  /** The config, read again (and the failed helpers forgotten) when the file changed since. */
  async #current(): Promise<DockerConfig> {
    const stamp = await statStamp(this.#path);
    if (this.#config?.stamp !== stamp) {
      this.#failed.clear();
      this.#config = { stamp, read: readConfig(this.#path) };
    }
    return this.#config.read;
  }
}

/**
 * What tells a changed file: modification and change times, size and inode (a `docker login` that
 * replaces the file by renaming a new one over it changes the inode), or why it cannot be read.
 */
async function statStamp(path: string): Promise<string> {
  try {
    const { mtimeMs, ctimeMs, size, ino } = await stat(path);
    return `${mtimeMs} ${ctimeMs} ${size} ${ino}`;
  } catch (error) {
    // readConfig says what is wrong (ENOENT: no config; anything else: a CredentialConfigError).
    return `unreadable ${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}

async function readConfig(path: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CredentialConfigError(path, 'cannot be read', { cause: error });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new TypeError('not an object');
    return parsed as DockerConfig;
  } catch (error) {
    throw new CredentialConfigError(path, 'is not valid JSON', { cause: error });
  }
}

function findByRegistry<T>(entries: Readonly<Record<string, T>> | undefined, domain: string): T | undefined {
  if (entries === undefined) return undefined;
  for (const [key, value] of Object.entries(entries)) {
    if (registryOfServerAddress(key) === domain) return value;
  }
  return undefined;
}

function fromAuthEntry(path: string, domain: string, entry: AuthEntry): RegistryCredential | undefined {
  if (entry.identitytoken)
    return new RegistryCredential(domain, 'identity-token', entry.username ?? '', entry.identitytoken);
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw new CredentialConfigError(
        path,
        `has an "auth" for ${domain} that is not base64 of user:password`,
      );
    return new RegistryCredential(domain, 'basic', decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  if (entry.username && entry.password)
    return new RegistryCredential(domain, 'basic', entry.username, entry.password);
  return undefined; // an empty entry: the credentials live in credsStore, or there are none
}

// The credential helper protocol (github.com/docker/docker-credential-helpers): `get` reads the
// server URL on stdin and prints {"ServerURL","Username","Secret"}; Username "<token>" means the
// secret is an identity token.
function runHelper(
  helper: string,
  domain: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<RegistryCredential | undefined> {
  const serverUrl = domain === DOCKER_HUB ? DOCKER_HUB_SERVER_URL : domain;
  return new Promise((resolve, reject) => {
    const fail = (problem: string, cause?: unknown) =>
      reject(new CredentialHelperError(helper, domain, problem, cause === undefined ? undefined : { cause }));
    const child = spawn(`docker-credential-${helper}`, ['get'], { env, stdio: 'pipe' });
    // Our own timer, not spawn's `timeout`: a helper's grandchildren can hold stdout open long
    // after the helper is killed, and we must answer now.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`timed out after ${timeoutMs} ms`);
    }, timeoutMs);
    child.on('close', () => clearTimeout(timer));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => {}); // a helper that exits early closes stdin; the exit code tells
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? 'not found on PATH' : 'could not be started', error),
    );
    child.on('close', (code, signal) => {
      if (signal !== null) return fail(`killed by ${signal}`);
      if (code !== 0) {
        if (stdout.trim() === HELPER_NOT_FOUND) return resolve(undefined);
        return fail(`exited with code ${code}${saying(stdout || stderr)}`);
      }
      try {
        const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
        if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string')
          throw new TypeError('no Username/Secret');
        const kind: CredentialKind = answer.Username === '<token>' ? 'identity-token' : 'basic';
        resolve(new RegistryCredential(domain, kind, kind === 'basic' ? answer.Username : '', answer.Secret));
      } catch (error) {
        // The output may hold a secret: never quote it.
        fail(
          'printed something that is not {"Username","Secret"} JSON',
          error instanceof SyntaxError ? undefined : error,
        );
      }
    });
    child.stdin.end(serverUrl);
  });
}

const SAID_CHARS = 200;

/**
 * What a failing helper printed, as the Docker CLI shows it (helpers print their error on stdout:
 * docker-credential-helpers' credentials.Serve): its first line, quoted and cut, since it is
 * untrusted text. Only for a helper that failed: the output of one that succeeded may be a secret.
 */
function saying(output: string): string {
  const line = output.trim().split('\n')[0]?.trim() ?? '';
  if (line === '' || line.includes('"Secret"')) return '';
  return ` saying ${JSON.stringify(line.slice(0, SAID_CHARS))}${line.length > SAID_CHARS ? '…' : ''}`;
}
