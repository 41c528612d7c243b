// The SecretStore of the desktop app (internal/api/secret-store.ts): each secret encrypted with
// Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) and kept, encrypted,
// in one JSON file in the user's data directory. When the OS offers no real encryption the secret is
// refused, never written in plain text: on Linux without a keyring safeStorage falls back to
// `basic_text`, a key hard-coded in Chromium, which is plain text in all but name
// (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SecretStore } from '../internal/api/secret-store.js';
import { messageOf } from '../internal/model/message-of.js';

/** The parts of Electron's safeStorage used here (getSelectedStorageBackend exists on Linux only). */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
}

type SecretFile = Record<string, string>; // name → base64 of the encrypted bytes

export class SafeStorageSecrets implements SecretStore {
  readonly #file: string;
  readonly #safeStorage: SafeStoragePort;
  /** Writes run one after another, so two quick changes cannot lose one another. */
  #writes: Promise<unknown> = Promise.resolve();

  /** `file`: where the encrypted secrets are kept (for example `<userData>/secrets.json`). */
  constructor(file: string, safeStorage: SafeStoragePort) {
    this.#file = file;
    this.#safeStorage = safeStorage;
  }

  async get(name: string): Promise<string | undefined> {
    const encrypted = (await this.#read())[name];
    if (encrypted === undefined) return undefined;
    this.#requireEncryption(`read the secret "${name}"`);
    try {
      return this.#safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch (cause) {
      throw new SecretStorageError(
        `cannot read the secret "${name}" from ${this.#file}: the keychain could not decrypt it (was it written by another user or machine?); enter it again in Settings`,
        { cause },
      );
    }
  }

  set(name: string, value: string): Promise<void> {
    return this.#change((secrets) => {
      this.#requireEncryption(`keep the secret "${name}"`);
      secrets[name] = this.#safeStorage.encryptString(value).toString('base64');
    });
  }

  delete(name: string): Promise<void> {
    return this.#change((secrets) => {
      delete secrets[name];
    });
  }

  #requireEncryption(what: string): void {
    const backend = this.#safeStorage.getSelectedStorageBackend?.();
    if (!this.#safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      throw new SecretStorageError(
        `cannot ${what}: this system offers no encryption for secrets (${backend === 'basic_text' ? 'no keyring is running' : 'safeStorage is unavailable'}), and Cupdate never stores them in plain text; start a keyring (GNOME Keyring, KWallet) or use a Docker credential helper instead`,
      );
    }
  }

  #change(edit: (secrets: SecretFile) => void): Promise<void> {
    const run = async () => {
      const secrets = await this.#read();
      edit(secrets);
      // Written beside and renamed: a crash mid-write leaves the old file, never half of one.
      const temporary = `${this.#file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.#file);
    };
    const result = this.#writes.then(run, run);
    this.#writes = result.catch(() => undefined);
    return result;
  }

  async #read(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new SecretStorageError(`cannot read the secrets file ${this.#file}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not a JSON object');
      return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'));
    } catch (cause) {
      throw new SecretStorageError(
        `the secrets file ${this.#file} is damaged (${messageOf(cause)}); delete it and enter the secrets again in Settings`,
        { cause },
      );
    }
  }
}
