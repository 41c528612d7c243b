// Issue 15's slow clients, performed against the real serve host (a real Session with no
// platforms): a body sent a byte at a time, headers that never end, more connections and event
// streams than the server keeps. Each is cut off with a status that says why, and the server goes
// on answering others. The limits are lowered here so that the test takes seconds, not minutes.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session } from '../../internal/api/session.js';
import type { ServeLimits } from '../../internal/serve/limits.js';
import { startServe, type ServeHandle } from '../../internal/serve/server.js';
import { bearer, rawRequest } from './http-peer.js';
import { until } from './until.js';

describe('serve bounds what one client can hold', () => {
  let dir: string;
  let session: Session;
  let server: ServeHandle | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-limits-'));
    session = await openSession({
      dataDir: ':memory:',
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'none') }, homeDir: dir },
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [] },
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(limits: Partial<ServeLimits>): Promise<ServeHandle> {
    server = await startServe({ session, staticDir: dir, limits, warn: () => undefined });
    return server;
  }

  /** A raw connection; `text()` is everything the server sent, `closed` settles when it hangs up. */
  function open(port: number) {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { socket, text: () => text, closed };
  }

  /** Sends `bytes` one every 100 ms until the socket closes (a slowloris client). */
  function trickle(socket: Socket, bytes: string): void {
    let index = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || index >= bytes.length) clearInterval(timer);
      else socket.write(bytes[index++] ?? '');
    }, 100);
    socket.on('close', () => clearInterval(timer));
  }

  it('answers 408 and hangs up on a body sent a byte at a time, past the request timeout', async () => {
    const { port, token } = await start({ requestTimeoutMs: 1000 });
    const slow = open(port);
    slow.socket.write(
      `POST /api/summary HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n',
    );
    trickle(slow.socket, ' '.repeat(200)); // 20 s at this pace; the server must not wait for it
    await slow.closed;
    expect(slow.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect((await rawRequest(port, { path: '/api/summary', headers: bearer(token) })).status).toBe(405);
  });

  it('hangs up on headers that never end, past the headers timeout', async () => {
    const { port } = await start({ headersTimeoutMs: 1000 });
    const slow = open(port);
    slow.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    trickle(slow.socket, `X-Slow: ${'a'.repeat(200)}`);
    await slow.closed;
    expect(slow.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('closes connections beyond the cap on arrival, and serves again once one is freed', async () => {
    const { port, token } = await start({ maxConnections: 3 });
    const idle = [open(port), open(port), open(port)];
    await Promise.all(idle.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    // Accepted in arrival order: the three idle ones first, so this one is over the cap.
    const extra = open(port);
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await extra.closed;
    expect(extra.text()).toBe('');
    idle[0]?.socket.destroy();
    // Served as soon as the server has seen that close (until then, it is still full).
    const status = () =>
      rawRequest(port, { path: '/healthz', headers: bearer(token) }).then(
        (answer) => answer.status,
        () => 0,
      );
    await expect.poll(status, { timeout: 5000, interval: 20 }).toBe(200);
  });

  it('answers 503 to an event stream beyond the cap, saying why', async () => {
    const { port, token } = await start({ maxEventStreams: 2 });
    const request = `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`;
    const streams = [open(port), open(port)];
    for (const stream of streams) stream.socket.write(request);
    await until(() => streams.every((stream) => stream.text().includes('retry: 1000')), 'two open streams');
    const third = await rawRequest(port, { path: '/api/events', headers: bearer(token) });
    expect(third.status).toBe(503);
    expect(third.body).toBe(
      '2 event streams are open, the most this server keeps; close other Cupdate tabs\n',
    );
  });
});
