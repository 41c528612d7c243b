// The HTTP client's CacheStore (internal/http/types.ts) in SQLite. Credentials never reach the
// table: credential-bearing headers are dropped on write, and a key that carries URL userinfo is
// refused (the client keys by URL; `https://user:pass@host/…` would store the password).
import type { Database } from 'better-sqlite3';
import type { CacheEntry, CacheStore } from '../http/types.js';
import { StoreError } from './errors.js';
import { parseJson } from './json.js';

/** Response headers that carry or set credentials (RFC 9110 §11.6, RFC 6265 §4.1). */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** A URL anywhere in the key whose authority holds `…@`. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i;

interface CacheRow {
  readonly status: number;
  readonly headers: string;
  readonly body: Buffer;
  readonly stored_at: number;
  readonly expires_at: number | null;
  readonly etag: string | null;
  readonly last_modified: string | null;
}

type CacheParams = [string, number, string, Uint8Array, number, number | null, string | null, string | null];

export function createHttpCache(db: Database, path: string): CacheStore {
  const select = db.prepare<[string], CacheRow>(
    'SELECT status, headers, body, stored_at, expires_at, etag, last_modified FROM http_cache WHERE key = ?',
  );
  const upsert = db.prepare<CacheParams>(
    `INSERT OR REPLACE INTO http_cache (key, status, headers, body, stored_at, expires_at, etag, last_modified)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM http_cache WHERE key = ?');

  return {
    get(key) {
      const row = select.get(key);
      if (row === undefined) return undefined;
      const entry: CacheEntry = {
        status: row.status,
        headers: parseJson(row.headers) as Record<string, string>,
        // A view on the Buffer better-sqlite3 allocated for this row: no copy, and a plain Uint8Array.
        body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength),
        storedAt: row.stored_at,
        expiresAt: row.expires_at,
        ...(row.etag === null ? {} : { etag: row.etag }),
        ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
      };
      return entry;
    },
    set(key, entry) {
      if (URL_USERINFO.test(key)) {
        throw new StoreError(
          'invalid-input',
          path,
          'an HTTP cache key holds URL userinfo (user:password@); the client must key by a URL without credentials',
        );
      }
      const headers = Object.fromEntries(
        Object.entries(entry.headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
      );
      upsert.run(
        key,
        entry.status,
        JSON.stringify(headers),
        entry.body,
        entry.storedAt,
        entry.expiresAt,
        entry.etag ?? null,
        entry.lastModified ?? null,
      );
    },
    delete(key) {
      remove.run(key);
    },
  };
}
