// The contract of the one HTTP client every remote call in the core goes through (registries,
// Docker Hub, GitHub, GitLab, Quay, OSV). Callers depend on these types only; `HttpClient` in
// client.ts implements them on undici.
import type { BodyLimit } from './body-limit.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface HttpRequest {
  readonly url: string | URL;
  readonly method?: HttpMethod; // default GET
  /** Header names are case-insensitive; the client lowercases them. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly signal?: AbortSignal;
  /** Whole-request deadline including retries' waits; default from the client options. */
  readonly timeoutMs?: number;
  /**
   * Cache policy for GET/HEAD. `ttlMs`: how long a stored answer is served without asking the
   * server; after that it is revalidated with If-None-Match / If-Modified-Since when it carried an
   * ETag / Last-Modified. `immutable`: content-addressed (a digest URL), kept forever.
   * `varyOn` lists request headers that are part of the cache key (e.g. `accept`); the
   * Authorization header is never part of the key and never stored. `partition`: whose answer it
   * is; an answer stored under a partition is served only to requests naming the same one (the
   * registry client passes the identity of the credential it sent, never a secret). Without one,
   * the answer is shared: for anonymous requests.
   */
  readonly cache?: {
    readonly ttlMs: number;
    readonly immutable?: boolean;
    readonly varyOn?: readonly string[];
    readonly partition?: string;
  };
  /** Statuses the caller handles itself and that must not be retried (e.g. 401 for auth challenges). */
  readonly noRetryOn?: readonly number[];
  /** Follow redirects (default 5). Credentials are dropped when a redirect changes origin. */
  readonly maxRedirects?: number;
  /**
   * The most a 2xx body may hold (default: the client's, BODY_LIMITS.apiJson); a longer one is not
   * read further and the request fails with HttpBodyTooLargeError. Pick the kind from BODY_LIMITS.
   */
  readonly bodyLimit?: BodyLimit;
}

export interface HttpResponse {
  readonly status: number;
  /** Lowercased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly body: Uint8Array;
  /** `network`: went to the server; `cache`: served fresh from cache; `revalidated`: a 304 refreshed the cached body. */
  readonly source: 'network' | 'cache' | 'revalidated';
  text(): string;
  /** Parses the body; throws HttpBodyError (naming the URL and content type) for non-JSON bodies. */
  json<T = unknown>(): T;
}

/** A stored answer. Never holds an Authorization header or any credential. */
export interface CacheEntry {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly storedAt: number; // epoch ms
  readonly expiresAt: number | null; // epoch ms; null = immutable
  readonly etag?: string;
  readonly lastModified?: string;
}

/** Where cached answers live: in memory by default, the SQLite store in the app. */
export interface CacheStore {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
}

/** A host's request budget, read from rate-limit headers; shown in the UI. */
export interface HostBudget {
  readonly host: string;
  readonly limit: number | null;
  readonly remaining: number | null;
  /** Epoch ms when the budget resets, when the server says so. */
  readonly resetAt: number | null;
  /** Epoch ms until which the host is paused after a 429/503 with Retry-After. */
  readonly pausedUntil: number | null;
  readonly inFlight: number;
  readonly requests: number; // network requests sent so far
  /** Set while the host is paused for not answering (docs/http.md, "Hosts that hang"). */
  readonly breaker: HostBreakerState | null;
}

/** A host paused because its requests timed out: its requests fail at once until `retryAt`. */
export interface HostBreakerState {
  /** Requests in a row whose deadline passed while they were on the wire, with no answer between. */
  readonly timeouts: number;
  /** The deadline the last of them had. */
  readonly timeoutMs: number;
  /** Epoch ms from which one request goes through again to see whether the host answers. */
  readonly retryAt: number;
  /** That request is out now: the host's other requests wait for its outcome. */
  readonly probing: boolean;
}

export interface HttpStats {
  readonly requests: number; // sent to a server
  readonly cacheHits: number; // served without a request
  readonly revalidated: number; // 304 answers
  readonly retries: number;
}
