// The headless host: the same dispatch table and events as the Electron app, over HTTP + SSE, plus
// the built renderer. Meant for localhost (and for a cluster behind a port-forward): every request
// must name this server as its Host and come from its own origin (request-guard.ts), and every one
// but the probes' must carry the access token (access-token.ts; docs/security.md).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '../api/session.js';
import { createAccessGate, newToken, TOKEN_PARAM } from './access-token.js';
import { handleApiCall } from './api-route.js';
import { SERVE_LIMITS, type ServeLimits } from './limits.js';
import { createRequestGuard } from './request-guard.js';
import { setSecurityHeaders } from './security-headers.js';
import { handleEvents } from './sse-route.js';
import { serveStatic } from './static-files.js';

export interface ServeOptions {
  readonly session: Session;
  /** Default 127.0.0.1. Any other address exposes the API to the network: a warning is printed. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The built renderer (renderer/dist). */
  readonly staticDir: string;
  /** What every request must carry (docs/security.md); default: a fresh random one. */
  readonly token?: string;
  /** Default 15 s. */
  readonly heartbeatMs?: number;
  /** Default SERVE_LIMITS; tests lower them. */
  readonly limits?: Partial<ServeLimits>;
  /** Where warnings go; default stderr. */
  readonly warn?: (message: string) => void;
}

export interface ServeHandle {
  /** `http://host:port`: requests to it need the token (a cookie from `signInUrl`, or a Bearer header). */
  readonly url: string;
  /** `http://host:port/?token=…`: the link to open in a browser (it signs the browser in). */
  readonly signInUrl: string;
  readonly token: string;
  readonly port: number;
  /** Ends every event stream, closes every connection and stops listening. Does not close the session. */
  stop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  if (!LOOPBACK_HOSTS.has(host)) {
    warn(
      `serving on ${host}: the access token travels over plain http, so whoever can watch this network can take it; ` +
        'bind to 127.0.0.1 and use an SSH tunnel or port-forward instead',
    );
  }
  const limits: ServeLimits = { ...SERVE_LIMITS, ...options.limits };
  const token = options.token ?? newToken();
  const access = createAccessGate(token);
  const streams = new Set<() => void>();
  const listeningPort = () => (server.address() as AddressInfo | null)?.port;
  const guard = createRequestGuard(host, listeningPort);
  const server = createServer(
    {
      // Node requires headersTimeout <= requestTimeout: the headers are part of the request.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      // How often those two are checked (default 30 s, which would stretch a 10 s limit to 40 s).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (request, response) => {
      setSecurityHeaders(response);
      const refusal = guard.refusal(request);
      if (refusal !== undefined) {
        response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${refusal}\n`);
        return;
      }
      // The kubelet's probes carry no token; the answer says only that the process serves.
      if (pathOf(request) === '/healthz') {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok\n');
        return;
      }
      const granted = access.check(request, listeningPort() ?? 0);
      if (granted.kind === 'sign-in') {
        response.writeHead(303, { 'Set-Cookie': granted.cookie, Location: granted.location }).end();
        return;
      }
      if (granted.kind === 'refused') {
        refuse(request, response, granted.reason);
        return;
      }
      route(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = pathOf(request);
    if (path === '/api/events' && request.method === 'GET') {
      if (streams.size >= limits.maxEventStreams) {
        response
          .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
          .end(
            `${limits.maxEventStreams} event streams are open, the most this server keeps; close other Cupdate tabs\n`,
          );
        return;
      }
      handleEvents(options.session, request, response, {
        heartbeatMs: options.heartbeatMs ?? 15_000,
        maxBufferedBytes: limits.maxBufferedEventBytes,
        track: (end) => {
          streams.add(end);
          return () => streams.delete(end);
        },
      });
    } else if (path.startsWith('/api/')) {
      await handleApiCall(options.session, path.slice('/api/'.length), request, response);
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      await serveStatic(options.staticDir, request, response);
    } else {
      response
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('use GET\n');
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    signInUrl: `${url}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    token,
    port,
    async stop() {
      for (const end of [...streams]) end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? '/', 'http://localhost').pathname;
}

/** 401, as JSON for the API (the renderer shows its message) and as text for a page. */
function refuse(request: IncomingMessage, response: ServerResponse, reason: string): void {
  const api = pathOf(request).startsWith('/api/');
  const body = api ? JSON.stringify({ code: 'unavailable', message: reason }) : `${reason}\n`;
  response
    .writeHead(401, {
      'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      'WWW-Authenticate': 'Bearer realm="cupdate"',
      'Cache-Control': 'no-store',
    })
    .end(body);
}
