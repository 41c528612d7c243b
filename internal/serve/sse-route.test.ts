// The event stream over a real HTTP server and real sockets, fed by the real LiveEvents bus: a
// client that never reads is dropped once it is too far behind, while one that reads gets it all.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveEvents } from '../api/live-events.js';
import { handleEvents } from './sse-route.js';

const until = async (condition: () => boolean, what: string) => {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 2000) throw new Error(`${what} did not happen within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('handleEvents', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A server streaming `live`, and the streams it holds open. */
  async function serveEvents(live: LiveEvents, maxBufferedBytes: number) {
    const open = new Set<() => void>();
    server = createServer((request, response) =>
      handleEvents(live, request, response, {
        heartbeatMs: 60_000,
        maxBufferedBytes,
        track: (end) => {
          open.add(end);
          return () => open.delete(end);
        },
      }),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, open };
  }

  /** A raw client: `reading` false never reads a byte (the socket is paused before any data). */
  function client(port: number, reading: boolean): { socket: Socket; received: () => number } {
    let received = 0;
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    if (reading) socket.on('data', (chunk: Buffer) => (received += chunk.length));
    else socket.pause();
    socket.on('error', () => undefined);
    return { socket, received: () => received };
  }

  it('drops a client that never reads once it is behind by the limit, and keeps the one that reads', async () => {
    const live = new LiveEvents({ summary: () => undefined, queue: () => undefined });
    const { port, open } = await serveEvents(live, 64 * 1024);
    const slow = client(port, false);
    const fast = client(port, true);
    await until(() => open.size === 2, 'both streams open');
    // 40 events of 1 MB: more than loopback's socket buffers can hide (a few MB at most).
    const reason = 'x'.repeat(1024 * 1024);
    for (let index = 0; index < 40; index += 1) {
      live.pass('platform-status', {
        platform: `static:/list-${index}`,
        status: { state: 'degraded', reason },
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => open.size === 1, 'the slow stream dropped');
    await until(() => fast.received() > 40 * 1024 * 1024, 'the reading client receiving every event');
    expect(open.size).toBe(1);
    // Read now, the slow client finds its stream ended: its EventSource will reconnect.
    const ended = new Promise((resolve) => slow.socket.on('close', resolve));
    slow.socket.resume();
    await ended;
    expect(fast.socket.destroyed).toBe(false);
  });

  it('still sends one event larger than the limit to a client that keeps up', async () => {
    const live = new LiveEvents({ summary: () => undefined, queue: () => undefined });
    const { port, open } = await serveEvents(live, 1024);
    const reader = client(port, true);
    await until(() => open.size === 1, 'the stream open');
    await until(() => reader.received() > 0, 'the first bytes (retry:) read');
    live.pass('platform-status', {
      platform: 'static:/big',
      status: { state: 'degraded', reason: 'y'.repeat(64 * 1024) },
    });
    await until(() => reader.received() > 64 * 1024, 'the large event');
    expect(open.size).toBe(1);
  });
});
