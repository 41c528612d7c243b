// The headless host: the same dispatch table and events as the Electron app, over HTTP + SSE, plus
// the built renderer. Meant for localhost (and for a cluster behind a port-forward): every request
// must name this server as its Host and come from its own origin (request-guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '../api/session.js';
import { handleApiCall } from './api-route.js';
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
  /** Default 15 s. */
  readonly heartbeatMs?: number;
  /** Where warnings go; default stderr. */
  readonly warn?: (message: string) => void;
}

export interface ServeHandle {
  /** `http://host:port`. */
  readonly url: string;
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
      `serving on ${host}: anyone who can reach this address can read your image list and change your settings; ` +
        'bind to 127.0.0.1 and use an SSH tunnel or port-forward instead',
    );
  }
  const streams = new Set<() => void>();
  const guard = createRequestGuard(host, () => (server.address() as AddressInfo | null)?.port);
  const server = createServer((request, response) => {
    setSecurityHeaders(response);
    const refusal = guard.refusal(request);
    if (refusal !== undefined) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${refusal}\n`);
      return;
    }
    route(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      // For the kubelet's probes in a cluster (deploy/deployment.yaml): the process serves.
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok\n');
    } else if (path === '/api/events' && request.method === 'GET') {
      handleEvents(options.session, request, response, {
        heartbeatMs: options.heartbeatMs ?? 15_000,
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
  return {
    url: `http://${urlHost}:${port}`,
    port,
    async stop() {
      for (const end of [...streams]) end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
