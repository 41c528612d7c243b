// Who may use a `serve` host: whoever holds its token. The Origin/Host guard (request-guard.ts)
// stops web pages, not processes: any local user can connect to 127.0.0.1, and in a cluster any
// pod can reach the Service (docs/security.md). So every request but the probes' must carry the
// token, the way Jupyter does it: the URL printed at start holds it once (`/?token=…`); that first
// visit trades it for an HttpOnly, SameSite=Strict cookie and a redirect to the same page without
// it, so the renderer's plain `fetch('/api/…')` and `EventSource('/api/events')` carry it with no
// change, and no script on the page can read it. Scripts send `Authorization: Bearer <token>`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh token: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The shortest token `--token-file` accepts: 32 characters of base64 are 192 bits. */
export const MIN_TOKEN_LENGTH = 32;

export const TOKEN_PARAM = 'token';

/**
 * Cookies are shared by every port of a host (RFC 6265 §8.5): the port in the name keeps two
 * servers on one machine from overwriting each other's cookie.
 */
export function cookieName(port: number): string {
  return `cupdate-token-${port}`;
}

export type Access =
  | { readonly kind: 'allowed' }
  /** A link with the right token: set this cookie and send the browser to `location`. */
  | { readonly kind: 'sign-in'; readonly cookie: string; readonly location: string }
  | { readonly kind: 'refused'; readonly reason: string };

export interface AccessGate {
  check(request: IncomingMessage, port: number): Access;
}

export function createAccessGate(token: string): AccessGate {
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong byte.
  const expected = digest(token);
  const matches = (candidate: string | undefined) =>
    candidate !== undefined && timingSafeEqual(digest(candidate), expected);
  return {
    check(request, port) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const offered = url.searchParams.get(TOKEN_PARAM);
      if (offered !== null) {
        if (!matches(offered)) {
          return {
            kind: 'refused',
            reason:
              'the token in this link is not this server\'s (a new one is made at every start unless --token-file is given): open the URL "cupdate serve" printed when it started',
          };
        }
        url.searchParams.delete(TOKEN_PARAM);
        return {
          kind: 'sign-in',
          // No Max-Age: the cookie ends with the browser session, and the token with the server.
          cookie: `${cookieName(port)}=${offered}; HttpOnly; SameSite=Strict; Path=/`,
          location: `${url.pathname}${url.search}`,
        };
      }
      if (matches(bearerToken(request)) || matches(cookieValue(request, cookieName(port))))
        return { kind: 'allowed' };
      return {
        kind: 'refused',
        reason:
          'this Cupdate server needs its access token: open the URL "cupdate serve" printed when it started (it ends in ?token=…), or send the header "Authorization: Bearer <token>"',
      };
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
