// DNS-rebinding and cross-site protection for an API that listens on localhost: a web page on
// another site can make the browser send requests to 127.0.0.1, either under its own origin (the
// `Origin` header gives it away) or under a DNS name it re-points at 127.0.0.1 (the `Host` header
// gives it away). Only requests addressed to this server by a loopback name, its bound address or
// an IP literal (which no rebinding can fake), and coming from its own origin, are served.
// The same idea as Vite's `server.allowedHosts` and webpack-dev-server's `allowedHosts`.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface RequestGuard {
  /** Why the request is refused, or undefined when it may be served. */
  refusal(request: IncomingMessage): string | undefined;
}

/** `port` is read per request: it is known only once the server listens. */
export function createRequestGuard(boundHost: string, listeningPort: () => number | undefined): RequestGuard {
  const loopbackOnly = LOOPBACK_NAMES.has(bracketed(boundHost));
  const hostAllowed = (hostname: string) =>
    LOOPBACK_NAMES.has(hostname) ||
    hostname === bracketed(boundHost) ||
    (!loopbackOnly && isIpLiteral(hostname));
  return {
    refusal(request) {
      const port = listeningPort();
      if (port === undefined) return 'the server is starting';
      const host = request.headers.host;
      const url = host === undefined ? undefined : parseHost(host);
      if (url === undefined || !hostAllowed(url.hostname) || Number(url.port || 80) !== port) {
        return `Host ${JSON.stringify(host ?? '')} is not this server; open it as http://127.0.0.1:${port}/`;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://${url.host}`) {
        return `requests from origin ${JSON.stringify(origin)} are refused; only this server's own pages may call its API`;
      }
      return undefined;
    },
  };
}

function parseHost(host: string): URL | undefined {
  try {
    const url = new URL(`http://${host}`);
    // Anything beyond host[:port] (userinfo, a path) is not a Host header.
    return url.host === host.toLowerCase() ? url : undefined;
  } catch {
    return undefined;
  }
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host.toLowerCase();
}

function isIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}
