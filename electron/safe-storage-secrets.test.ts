// SafeStorageSecrets on a real file, with an in-test stand-in for Electron's safeStorage (AES-GCM
// with a key held in memory, like the OS keychain would hold it; the Electron binary cannot run here).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecrets, SecretStorageError, type SafeStoragePort } from './safe-storage-secrets.js';

class StandInSafeStorage implements SafeStoragePort {
  readonly #key = randomBytes(32);
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown';
  }
  encryptString(plainText: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  }
}

describe('SafeStorageSecrets (stand-in safeStorage)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-secrets-'));
    file = join(dir, 'secrets.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps secrets encrypted in a file only the user can read, and reads them back', async () => {
    const safeStorage = new StandInSafeStorage();
    const secrets = new SafeStorageSecrets(file, safeStorage);
    await secrets.set('github-token', 'ghp_supersecret');
    await secrets.set('registry-password:ghcr.io', 'hunter2');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('ghp_supersecret');
    expect(text).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = new SafeStorageSecrets(file, safeStorage);
    expect(await again.get('github-token')).toBe('ghp_supersecret');
    expect(await again.get('registry-password:ghcr.io')).toBe('hunter2');
    await again.delete('github-token');
    expect(await secrets.get('github-token')).toBeUndefined();
    expect(await secrets.get('never-set')).toBeUndefined();
  });

  it('keeps every one of many concurrent writes', async () => {
    const secrets = new SafeStorageSecrets(file, new StandInSafeStorage());
    await Promise.all(Array.from({ length: 20 }, (_, i) => secrets.set(`s${i}`, `v${i}`)));
    for (let i = 0; i < 20; i += 1) expect(await secrets.get(`s${i}`)).toBe(`v${i}`);
  });

  it('refuses to store when encryption is unavailable or only basic_text, and writes nothing', async () => {
    const safeStorage = new StandInSafeStorage();
    safeStorage.available = false;
    const secrets = new SafeStorageSecrets(file, safeStorage);
    await expect(secrets.set('github-token', 'ghp_x')).rejects.toThrow(SecretStorageError);
    await expect(secrets.set('github-token', 'ghp_x')).rejects.toThrow(/never stores them in plain text/);
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    await expect(secrets.set('github-token', 'ghp_x')).rejects.toThrow(/no keyring is running/);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says what to do with a damaged file or a secret the keychain cannot decrypt, without the secret', async () => {
    await writeFile(file, '{not json');
    await expect(new SafeStorageSecrets(file, new StandInSafeStorage()).get('x')).rejects.toThrow(
      /is damaged.*delete it/,
    );
    await writeFile(file, JSON.stringify({ 'github-token': Buffer.alloc(40).toString('base64') }));
    const error = await new SafeStorageSecrets(file, new StandInSafeStorage())
      .get('github-token')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStorageError);
    expect((error as Error).message).toMatch(/could not decrypt it.*enter it again in Settings/);
  });
});
