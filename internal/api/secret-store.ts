// Where secrets (registry passwords, the GitHub token) live: never in the SQLite store, a log line
// or an API answer. The Electron host implements this with `safeStorage` (encrypted by the OS
// keychain); `serve` uses MemorySecretStore, so a headless server forgets them when it stops and
// never writes them in plain text.

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Keeps secrets in this process's memory only; nothing is written anywhere. */
export class MemorySecretStore implements SecretStore {
  readonly #secrets = new Map<string, string>();

  async get(name: string): Promise<string | undefined> {
    return this.#secrets.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    this.#secrets.set(name, value);
  }

  async delete(name: string): Promise<void> {
    this.#secrets.delete(name);
  }
}

/** The names secrets are kept under. */
export const SECRET_NAMES = {
  githubToken: 'github-token',
  registryPassword: (registry: string) => `registry-password:${registry}`,
} as const;
