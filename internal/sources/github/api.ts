// One GET to the GitHub REST API, with what every call shares: the versioned media type, the token
// (sent to the API origin only: every URL here is built on `ctx.endpoints.github`, and the HTTP
// client drops Authorization when a redirect leaves that origin), a cache entry so re-checks are
// conditional (GitHub answers 304 to If-None-Match, and an authorized 304 does not count against
// the rate limit: docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api),
// and GitHub's answers turned into SourceErrors that say what happened and what to do.
import { describeUrl, HttpError } from '../../http/errors.js';
import type { HostBudget, HttpResponse } from '../../http/types.js';
import { SourceError } from '../types.js';
import type { SourceContext } from '../types.js';
import type { GithubToken } from './token.js';

export const SOURCE = 'github';

// docs.github.com/en/rest/about-the-rest-api/api-versions
const API_VERSION = '2022-11-28';
const MEDIA_TYPES = { json: 'application/vnd.github+json', raw: 'application/vnd.github.raw' } as const;

export interface GithubApi {
  readonly ctx: SourceContext;
  readonly token: GithubToken | null;
  /** How long an answer is used without asking; after that it is revalidated (304s are cheap). */
  readonly cacheTtlMs: number;
}

/** A URL on the GitHub API: `path` is appended to the configured base (which may hold a path, as GHES's `/api/v3`). */
export function apiUrl(api: GithubApi, path: string): URL {
  return new URL(api.ctx.endpoints.github.replace(/\/+$/, '') + path);
}

/** GETs `url` (on the API origin); null for a 404, a SourceError for any other failure. */
export async function githubGet(
  api: GithubApi,
  url: URL,
  format: keyof typeof MEDIA_TYPES,
): Promise<HttpResponse | null> {
  const host = url.host;
  const exhausted = exhaustedBudget(api, host);
  if (exhausted !== null) throw rateLimitError(api, exhausted.limit, exhausted.resetAt);
  const headers: Record<string, string> = {
    accept: MEDIA_TYPES[format],
    'x-github-api-version': API_VERSION,
  };
  if (api.token !== null) headers['authorization'] = api.token.authorization();
  let response: HttpResponse;
  try {
    response = await api.ctx.http.request({
      url,
      headers,
      signal: api.ctx.signal,
      cache: { ttlMs: api.cacheTtlMs, varyOn: ['accept'] },
    });
  } catch (error) {
    const reason = error instanceof HttpError ? error.message : String(error);
    throw new SourceError(SOURCE, `failed: GitHub request: ${reason}`, { cause: error });
  }
  if (response.status >= 200 && response.status < 300) return response;
  if (response.status === 404) return null;
  throw statusError(api, response);
}

/** The parsed JSON body, checked by `read` (which returns null for a shape it does not expect). */
export function githubJson<T>(response: HttpResponse, what: string, read: (body: unknown) => T | null): T {
  const url = describeUrl(new URL(response.url));
  let body: unknown;
  try {
    body = response.json();
  } catch (error) {
    throw new SourceError(
      SOURCE,
      `failed: GitHub answered ${url} with a body that is not JSON; try again later`,
      {
        cause: error,
      },
    );
  }
  const value = read(body);
  if (value === null) {
    throw new SourceError(
      SOURCE,
      `failed: GitHub answered ${url} with JSON that is not ${what}; try again later`,
    );
  }
  return value;
}

function statusError(api: GithubApi, response: HttpResponse): SourceError {
  const { status, headers } = response;
  const url = describeUrl(new URL(response.url));
  if (status === 403 || status === 429) {
    // Primary limit: remaining 0 and a reset in epoch seconds. The client's own 429 for a host it
    // paused has no such headers, but its budget knows (docs/http.md "Hosts").
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset'] !== undefined) {
      const limit = Number(headers['x-ratelimit-limit']);
      return rateLimitError(
        api,
        Number.isFinite(limit) ? limit : null,
        Number(headers['x-ratelimit-reset']) * 1000,
      );
    }
    const budget = exhaustedBudget(api, new URL(response.url).host);
    if (budget !== null) return rateLimitError(api, budget.limit, budget.resetAt);
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined) {
      return new SourceError(
        SOURCE,
        `failed: GitHub asked to slow down (secondary rate limit) on ${url}; retry after ${retryAfter} s`,
      );
    }
  }
  if (status === 401) {
    return new SourceError(
      SOURCE,
      `failed: GitHub rejected the ${api.token ?? 'request'} (401 on ${url}); replace or remove the token`,
    );
  }
  return new SourceError(SOURCE, `failed: GitHub answered ${url} with ${status}${githubMessage(response)}`);
}

function rateLimitError(api: GithubApi, limit: number | null, resetAt: number | null): SourceError {
  const budget = `${limit ?? '?'}/hour ${api.token === null ? 'without a token' : `with the ${api.token}`}`;
  const reset = resetAt === null ? 'resets within the hour' : `resets at ${new Date(resetAt).toISOString()}`;
  const advice = api.token === null ? 'add a token in settings or GITHUB_TOKEN' : 'wait for the reset';
  return new SourceError(SOURCE, `failed: GitHub rate limit reached (${budget}); ${reset}; ${advice}`);
}

/** The API host's budget when the client knows it is spent and paused until its reset. */
function exhaustedBudget(api: GithubApi, host: string): (HostBudget & { resetAt: number }) | null {
  const budget = api.ctx.http.budgets().find((candidate) => candidate.host === host);
  if (budget === undefined || budget.remaining !== 0 || budget.pausedUntil === null) return null;
  return { ...budget, resetAt: budget.resetAt ?? budget.pausedUntil };
}

/** `: "Moved Permanently"`, from GitHub's `{"message": …}` error body (untrusted: quoted, cut short). */
function githubMessage(response: HttpResponse): string {
  try {
    const message = (response.json() as { message?: unknown }).message;
    return typeof message === 'string' ? `: ${JSON.stringify(message.slice(0, 200))}` : '';
  } catch {
    return '';
  }
}
