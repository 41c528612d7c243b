// One GET of a source's JSON API, with the answers every source treats alike turned into
// `SourceError`s whose message says what happened and what to do (docs/sources.md, "Errors"):
// 404 → `skipped: …`, a rate limit → `failed: … resets at …`, a body that is not what the API
// documents → `failed: … <url>`. URLs in messages are origin + path only (`describeUrl`), and
// tokens travel in headers only, so no credential can reach a message.
import { describeUrl, HttpError } from '../http/errors.js';
import { readRateLimit } from '../http/rate-limit-headers.js';
import { retryAfterMs } from '../http/retry-timing.js';
import { isRecord } from '../oci/manifest.js';
import type { HttpRequest, HttpResponse } from '../http/types.js';
import { SourceError, type SourceContext } from './types.js';

export interface SourceRequest {
  /** The source's name in errors and job records: `docker-hub`, `quay`, `gitlab`. */
  readonly source: string;
  /** What is asked for, for messages: `Docker Hub repository library/nginx`. */
  readonly what: string;
  readonly url: URL;
  readonly ttlMs: number;
  /** Credential headers: sent to `url` only (the HTTP client drops them on a cross-origin redirect). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SourceAnswer<T> {
  readonly value: T;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The body of a 2xx answer, parsed and checked by `read` (which throws `malformed(…)` for a shape
 * the API does not document); throws SourceError for anything else. An answer `read` rejects is
 * dropped from the HTTP cache, so the next check asks again instead of failing until the TTL.
 */
export async function getSourceJson<T>(
  ctx: SourceContext,
  req: SourceRequest,
  read: (json: unknown) => T,
): Promise<SourceAnswer<T>> {
  const url = describeUrl(req.url);
  const httpRequest: HttpRequest = {
    url: req.url,
    headers: { accept: 'application/json', ...req.headers },
    cache: { ttlMs: req.ttlMs },
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  };
  let response: HttpResponse;
  try {
    response = await ctx.http.request(httpRequest);
  } catch (cause) {
    const reason = cause instanceof HttpError ? cause.message : `GET ${url} failed`;
    throw new SourceError(req.source, `failed: ${req.what}: ${reason}`, { cause });
  }
  if (response.status === 404) {
    throw new SourceError(req.source, `skipped: no such ${req.what} (404 from ${url})`);
  }
  const resetAt = rateLimitResetAt(ctx, req.url, response);
  if (resetAt !== undefined) {
    const when =
      resetAt === null ? 'at an unknown time' : `at ${new Date(resetAt).toISOString().slice(0, 19)}Z`;
    throw new SourceError(
      req.source,
      `failed: ${req.source} rate limit reached (HTTP ${response.status} from ${url}), resets ${when}; try again later or configure a token`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new SourceError(
      req.source,
      `failed: access to ${req.what} denied (HTTP ${response.status} from ${url}); check the token for this host`,
    );
  }
  if (response.status < 200 || response.status > 299) {
    throw new SourceError(req.source, `failed: ${req.what}: HTTP ${response.status} from ${url}`);
  }
  let json: unknown;
  try {
    json = response.json();
  } catch (cause) {
    ctx.http.forget(httpRequest);
    throw malformed(req, 'the body is not JSON', cause);
  }
  try {
    return { value: read(json), headers: response.headers };
  } catch (error) {
    ctx.http.forget(httpRequest);
    throw error;
  }
}

/** The error for a body that is JSON but not the documented shape. */
export function malformed(req: SourceRequest, detail: string, cause?: unknown): SourceError {
  return new SourceError(
    req.source,
    `failed: ${req.what}: malformed answer from ${describeUrl(req.url)} (${detail})`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * `undefined`: not a rate limit. Otherwise when it resets (epoch ms), `null` when unknown.
 * A 429 is always one; a 403 only with an exhausted budget, as GitHub and GitLab send
 * (`x-ratelimit-remaining: 0` / `ratelimit-remaining: 0`) — a plain 403 is a permission problem.
 * The reset comes from the answer's headers, else from the client's budget for the host (its own
 * 429 for a paused host carries only a Retry-After rounded to seconds), else from Retry-After.
 */
function rateLimitResetAt(ctx: SourceContext, url: URL, response: HttpResponse): number | null | undefined {
  const now = Date.now();
  const reading = readRateLimit(response.headers, now);
  if (response.status !== 429 && !(response.status === 403 && reading?.remaining === 0)) return undefined;
  const host = ctx.http.budgets().find((budget) => budget.host === url.host);
  const wait = retryAfterMs(response.headers['retry-after'], now);
  return reading?.resetAt ?? host?.resetAt ?? host?.pausedUntil ?? (wait === null ? null : now + wait);
}

// Narrowing of parsed JSON: the APIs' documented shapes are checked, never assumed.

export type JsonObject = Readonly<Record<string, unknown>>;

export { isRecord as isObject } from '../oci/manifest.js';

/** A non-empty string field, else undefined. */
export function text(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function count(object: JsonObject, key: string): number | null {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An ISO 8601 / RFC 1123 date field as epoch ms, else null. */
export function date(object: JsonObject, key: string): number | null {
  const value = text(object, key);
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The object's array field, or a SourceError naming the URL. */
export function arrayField(object: JsonObject, key: string, req: SourceRequest): readonly unknown[] {
  const value = object[key];
  if (!Array.isArray(value)) throw malformed(req, `"${key}" is not a list`);
  return value;
}

/** The body as an object, or a SourceError naming the URL. */
export function objectBody(json: unknown, req: SourceRequest): JsonObject {
  if (!isRecord(json)) throw malformed(req, 'expected a JSON object');
  return json;
}

/**
 * A next-page URL from a body or a Link header, resolved against `base`, only when it stays on the
 * API's origin: a page link elsewhere is not followed (it would leave the host the token is for).
 */
export function sameOriginUrl(raw: string | undefined, base: URL): URL | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw, base);
    return url.origin === base.origin ? url : null;
  } catch {
    return null;
  }
}
