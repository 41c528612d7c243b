import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../http/types.js';
import { openStore } from './store.js';

const EVERY_BYTE = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

describe('httpCache (CacheStore)', () => {
  it('round-trips binary bodies byte for byte, through a closed and reopened file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-http-cache-'));
    try {
      const path = join(dir, 'cache.sqlite');
      const entry: CacheEntry = {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', 'docker-content-digest': 'sha256:abc' },
        body: EVERY_BYTE,
        storedAt: 1_000,
        expiresAt: null,
        etag: '"abc"',
        lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      };
      const store = openStore(path);
      store.httpCache.set('GET https://registry.test/v2/a/blobs/sha256:abc', entry);
      store.httpCache.set('GET https://registry.test/empty', {
        status: 204,
        headers: {},
        body: new Uint8Array(),
        storedAt: 5,
        expiresAt: 10,
      });
      store.close();

      const reopened = openStore(path);
      const back = reopened.httpCache.get('GET https://registry.test/v2/a/blobs/sha256:abc');
      expect(back).toEqual(entry);
      expect(back?.body).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back?.body ?? []).equals(Buffer.from(EVERY_BYTE))).toBe(true);
      const empty = reopened.httpCache.get('GET https://registry.test/empty');
      expect(empty).toEqual({ status: 204, headers: {}, body: new Uint8Array(), storedAt: 5, expiresAt: 10 });
      expect(empty && 'etag' in empty).toBe(false);
      reopened.httpCache.delete('GET https://registry.test/empty');
      expect(reopened.httpCache.get('GET https://registry.test/empty')).toBeUndefined();
      expect(reopened.httpCache.get('never stored')).toBeUndefined();
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('overwrites an entry stored under the same key', () => {
    const store = openStore(':memory:');
    const base: CacheEntry = {
      status: 200,
      headers: {},
      body: Uint8Array.of(1),
      storedAt: 1,
      expiresAt: 2,
      etag: '"1"',
    };
    store.httpCache.set('k', base);
    store.httpCache.set('k', { ...base, body: Uint8Array.of(2, 3), storedAt: 3, etag: '"2"' });
    expect(store.httpCache.get('k')).toMatchObject({ body: Uint8Array.of(2, 3), storedAt: 3, etag: '"2"' });
    store.close();
  });

  it('never stores a credential: credential headers are dropped, userinfo keys refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-http-cache-'));
    try {
      const path = join(dir, 'cache.sqlite');
      const store = openStore(path);
      store.httpCache.set('GET https://auth.test/token', {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'Set-Cookie': 'session=secret-cookie',
          authorization: 'Bearer secret-token',
        },
        body: new Uint8Array(),
        storedAt: 1,
        expiresAt: 2,
      });
      expect(store.httpCache.get('GET https://auth.test/token')?.headers).toEqual({
        'content-type': 'application/json',
      });
      expect(() =>
        store.httpCache.set('GET https://user:secret-password@registry.test/v2/', {
          status: 200,
          headers: {},
          body: new Uint8Array(),
          storedAt: 1,
          expiresAt: 2,
        }),
      ).toThrow(
        expect.objectContaining({
          code: 'invalid-input',
          message: expect.not.stringContaining('secret-password'),
        }),
      );
      store.close();
      // Nothing secret anywhere in the file (WAL checkpointed by close).
      const raw = new Database(path, { readonly: true });
      const dump = JSON.stringify(raw.prepare('SELECT key, headers FROM http_cache').all());
      raw.close();
      expect(dump).not.toMatch(/secret/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits a burst of writes together, shortly after, while reads see them at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-http-cache-'));
    try {
      const path = join(dir, 'cache.sqlite');
      const store = openStore(path);
      const entry: CacheEntry = {
        status: 200,
        headers: {},
        body: Uint8Array.of(7),
        storedAt: 1,
        expiresAt: 2,
      };
      for (let i = 0; i < 100; i++) store.httpCache.set(`k${i}`, entry);
      store.httpCache.delete('k99');
      expect(store.httpCache.get('k0')?.body).toEqual(Uint8Array.of(7));
      expect(store.httpCache.get('k99')).toBeUndefined();
      const raw = new Database(path, { readonly: true });
      const count = () => (raw.prepare('SELECT count(*) AS n FROM http_cache').get() as { n: number }).n;
      expect(count()).toBe(0); // not yet committed
      await expect.poll(count).toBe(99);
      raw.close();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
