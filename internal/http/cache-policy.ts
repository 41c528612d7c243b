import type { CacheEntry, HttpRequest } from './types.js';

// What the client stores and how it asks whether a stored answer is still good (RFC 9111 §4.3:
// conditional requests with If-None-Match / If-Modified-Since; a 304 means "what you have is
// current").

export type CachePolicy = NonNullable<HttpRequest['cache']>;

// Credentials are never part of a key and never stored (ARCHITECTURE.md: a credential never
// reaches the store).
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name);
}

/**
 * Method + URL + the values of the `varyOn` request headers (lowercased names), then the partition
 * (whose answer it is) in parentheses, which no header line can hold (RFC 9110 §5.1).
 */
export function cacheKey(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  varyOn: readonly string[] | undefined,
  partition?: string,
): string {
  let key = `${method} ${url}`;
  for (const raw of varyOn ?? []) {
    const name = raw.toLowerCase();
    if (!isCredentialHeader(name)) key += `\n${name}: ${headers[name] ?? ''}`;
  }
  return partition === undefined ? key : `${key}\n(credential ${partition})`;
}

export function isFresh(entry: CacheEntry, now: number): boolean {
  return entry.expiresAt === null || entry.expiresAt > now;
}

/** Only successful answers are kept, so an error page or a rate-limit answer never poisons the cache. */
export function isStorable(status: number, headers: Readonly<Record<string, string>>): boolean {
  return status >= 200 && status < 300 && !/\bno-store\b/i.test(headers['cache-control'] ?? '');
}

/** Validators for a stale entry; empty when the entry has none (then the request is unconditional). */
export function validatorHeaders(entry: CacheEntry): Record<string, string> {
  const validators: Record<string, string> = {};
  if (entry.etag !== undefined) validators['if-none-match'] = entry.etag;
  if (entry.lastModified !== undefined) validators['if-modified-since'] = entry.lastModified;
  return validators;
}

export function newEntry(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array,
  policy: CachePolicy,
  now: number,
): CacheEntry {
  const stored: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !isCredentialHeader(name)) stored[name] = value;
  }
  return {
    status,
    headers: stored,
    body,
    storedAt: now,
    expiresAt: policy.immutable === true ? null : now + policy.ttlMs,
    ...validatorsOf(headers),
  };
}

/** The entry after a 304: same body, new expiry, and any validators the 304 carried (RFC 9111 §4.3.4). */
export function refreshedEntry(
  entry: CacheEntry,
  notModifiedHeaders: Readonly<Record<string, string>>,
  policy: CachePolicy,
  now: number,
): CacheEntry {
  return {
    ...entry,
    storedAt: now,
    expiresAt: policy.immutable === true ? null : now + policy.ttlMs,
    ...validatorsOf(notModifiedHeaders),
  };
}

function validatorsOf(headers: Readonly<Record<string, string>>): Pick<CacheEntry, 'etag' | 'lastModified'> {
  const etag = headers['etag'];
  const lastModified = headers['last-modified'];
  return {
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
  };
}
