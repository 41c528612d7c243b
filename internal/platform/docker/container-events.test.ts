// The windowed event stream against a fake Engine API on a unix socket (the real daemon's
// behaviour is tested in test/docker): each window asks `since` the last one's `until`, on the
// daemon's clock; a daemon that does not honour `until` is given up after a few early ends.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { watchContainerEvents } from './container-events.js';

type Behaviour = 'honour-until' | 'end-at-once';

async function fakeEngine(behaviour: Behaviour) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-engine-'));
  const socketPath = join(dir, 'docker.sock');
  const queries: URLSearchParams[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://engine');
    if (!url.pathname.endsWith('/events')) return response.writeHead(404).end();
    queries.push(url.searchParams);
    response.writeHead(200, { 'content-type': 'application/json' });
    if (behaviour === 'end-at-once') return response.end();
    response.write(
      `${JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: `c${queries.length}` } })}\n`,
    );
    // Like dockerd: the response ends when `until` (seconds, daemon clock) comes.
    const until = Number(url.searchParams.get('until')) * 1000;
    const timer = setTimeout(() => response.end(), Math.max(0, until - Date.now()));
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    docker: new Dockerode({ socketPath }),
    queries,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('watchContainerEvents (fake Engine API)', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('asks each window from where the last ended, so the windows leave no gap', async () => {
    const engine = await fakeEngine('honour-until');
    stops.push(engine.stop);
    const abort = new AbortController();
    const seen: string[] = [];
    const stream = await watchContainerEvents(engine.docker, (id) => seen.push(id), abort.signal, {
      windowMs: 300,
      graceMs: 1_000,
      clockOffsetMs: 0,
    });
    while (engine.queries.length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    expect(await stream.ended).toBe('stopped');
    const [first, second, third] = engine.queries;
    expect(first!.get('since')).toBeNull();
    expect(second!.get('since')).toBe(first!.get('until'));
    expect(third!.get('since')).toBe(second!.get('until'));
    expect(JSON.parse(first!.get('filters')!)).toMatchObject({ type: ['container'] });
    expect(seen.slice(0, 3)).toEqual(['c1', 'c2', 'c3']);
  });

  it('gives up on a daemon that ends every window at once (it ignores `until`)', async () => {
    const engine = await fakeEngine('end-at-once');
    stops.push(engine.stop);
    const stream = await watchContainerEvents(engine.docker, () => {}, new AbortController().signal, {
      windowMs: 5_000,
      graceMs: 1_000,
      clockOffsetMs: 0,
    });
    expect(await stream.ended).toBe(
      'the daemon ended the event stream early 3 times in a row; it does not honour "until"',
    );
    expect(engine.queries).toHaveLength(3);
  });
});
