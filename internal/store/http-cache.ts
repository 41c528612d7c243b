// The HTTP client's CacheStore (internal/http/types.ts) in SQLite. Credentials never reach the
// table: credential-bearing headers are dropped on write, and a key that carries URL userinfo is
// refused (the client keys by URL; `https://user:pass@host/…` would store the password).
import type { Database } from 'better-sqlite3';
import type { CacheEntry, CacheStore } from '../http/types.js';
import { StoreError } from './errors.js';
import { parseJson } from './json.js';
import { messageOf } from '../model/message-of.js';

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

/** How long cache writes wait to be committed together: one transaction per burst, not per answer. */
const FLUSH_DELAY_MS = 20;

/** A CacheStore whose writes are committed in batches; `flush()` commits what is pending now. */
export interface HttpCacheTable extends CacheStore {
  flush(): void;
}

/**
 * Writes are held in memory for a few milliseconds and committed in one transaction: a scan stores
 * several answers per image, and a transaction each cost more than the rest of the pipeline's
 * SQLite work. A crash loses at most those milliseconds of cache, never a result (results are
 * written by their own transactions). Reads see pending writes first.
 */
export function createHttpCache(db: Database, path: string): HttpCacheTable {
  const select = db.prepare<[string], CacheRow>(
    'SELECT status, headers, body, stored_at, expires_at, etag, last_modified FROM http_cache WHERE key = ?',
  );
  const upsert = db.prepare<CacheParams>(
    `INSERT OR REPLACE INTO http_cache (key, status, headers, body, stored_at, expires_at, etag, last_modified)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM http_cache WHERE key = ?');

  /** key → the entry to write, or null to delete. */
  const pending = new Map<string, CacheParams | null>();
  let timer: NodeJS.Timeout | undefined;
  const commit = db.transaction((writes: [string, CacheParams | null][]) => {
    for (const [key, params] of writes) {
      if (params === null) remove.run(key);
      else upsert.run(...params);
    }
  });
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const writes = [...pending];
    pending.clear();
    commit(writes);
  };
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      try {
        flush();
      } catch (error) {
        // Nobody awaits a cache write: losing one costs a request later, so warn and go on.
        process.emitWarning(`could not store HTTP cache entries in ${path}: ${messageOf(error)}`);
      }
    }, FLUSH_DELAY_MS);
    timer.unref();
  };

  return {
    flush,
    get(key) {
      if (pending.has(key)) {
        const params = pending.get(key);
        return params === null || params === undefined ? undefined : entryOf(params);
      }
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
      pending.set(key, [
        key,
        entry.status,
        JSON.stringify(headers),
        entry.body,
        entry.storedAt,
        entry.expiresAt,
        entry.etag ?? null,
        entry.lastModified ?? null,
      ]);
      schedule();
    },
    delete(key) {
      pending.set(key, null);
      schedule();
    },
  };
}

function entryOf([
  ,
  status,
  headers,
  body,
  storedAt,
  expiresAt,
  etag,
  lastModified,
]: CacheParams): CacheEntry {
  return {
    status,
    headers: parseJson(headers) as Record<string, string>,
    body,
    storedAt,
    expiresAt,
    ...(etag === null ? {} : { etag }),
    ...(lastModified === null ? {} : { lastModified }),
  };
}
