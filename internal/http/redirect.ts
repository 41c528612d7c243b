import type { HttpMethod } from './types.js';

/** One request as it goes on the wire; a redirect produces the next one. */
export interface Hop {
  readonly url: URL;
  readonly method: HttpMethod;
  /** Lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Sent only to the origin they were given for: registries redirect blob GETs to S3/CDN hosts that
// must never see the registry credential (ARCHITECTURE.md, rules of the house).
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

/**
 * The hop a redirect answer points to, or null when the answer is not a followable redirect (no
 * Location, or a Location that is not http/https): the caller then gets the answer itself.
 */
export function redirectTarget(hop: Hop, status: number, location: string | undefined): Hop | null {
  if (!REDIRECT_STATUSES.has(status) || location === undefined) return null;
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;

  const headers: Record<string, string> = { ...hop.headers };
  if (url.origin !== hop.url.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];

  // 303 means "GET the answer there" (RFC 9110 §15.4.4); for 301/302 clients historically turn a
  // POST into a GET too (RFC 9110 §15.4.2, §15.4.3). 307/308 keep method and body.
  const becomesGet =
    (status === 303 && hop.method !== 'HEAD') ||
    ((status === 301 || status === 302) && hop.method === 'POST');
  if (!becomesGet) return { url, method: hop.method, headers, body: hop.body };
  for (const name of BODY_HEADERS) delete headers[name];
  return { url, method: 'GET', headers, body: undefined };
}
