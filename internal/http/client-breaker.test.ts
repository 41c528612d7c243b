// The HTTP client's per-host circuit breaker (host-breaker.ts) against a local server that accepts
// requests and never answers (until the test "heals" it), and a second, healthy host. Deadlines are
// real (100 ms); the breaker's clock is a ManualClock, so the pause passes when the test says.
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { HttpHostPausedError, HttpTimeoutError } from './errors.js';
import { ManualClock } from './testing/manual-clock.js';
import { startLocalHttpServer, type LocalHttpServer } from './testing/local-http-server.js';
import type { HostBudget } from './types.js';

let healed = false;
const hanging: ServerResponse[] = [];
let hung: LocalHttpServer;
let healthy: LocalHttpServer;
beforeAll(async () => {
  hung = await startLocalHttpServer((_req, res) => {
    if (healed) res.writeHead(200).end('back');
    else hanging.push(res);
  });
  healthy = await startLocalHttpServer((_req, res) => res.writeHead(200).end('ok'));
});
afterAll(async () => {
  await hung.close();
  await healthy.close();
});

let clock: ManualClock;
let client: HttpClient;
let told: HostBudget[];
beforeEach(() => {
  healed = false;
  clock = new ManualClock();
  client = new HttpClient({
    timeoutMs: 100,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    breaker: { timeouts: 2, pauseMs: 30_000, maxPauseMs: 600_000 },
    now: clock.now,
  });
  told = [];
  client.onBudget((budget) => told.push(budget));
});
afterEach(async () => {
  for (const res of hanging.splice(0)) res.end();
  await client.close();
});

const get = (server: LocalHttpServer, path = '/v2/') =>
  client.request({ url: `${server.origin}${path}` }).catch((e: unknown) => e);
const breakerOf = (server: LocalHttpServer) =>
  client.budgets().find((budget) => budget.host === new URL(server.origin).host)?.breaker;

/** Two requests time out on the wire: the breaker opens. */
async function openBreaker(): Promise<void> {
  const first = await Promise.all([get(hung), get(hung)]);
  for (const error of first) expect(error).toBeInstanceOf(HttpTimeoutError);
}

describe('HttpClient breaker for hosts that hang (local HTTP server that never answers)', () => {
  it('after two timeouts in a row, refuses the host at once without sending, saying when it retries', async () => {
    await openBreaker();
    const sent = hung.received.length;
    const error = await get(hung, '/v2/app/tags/list');
    expect(error).toBeInstanceOf(HttpHostPausedError);
    const retryAt = new Date(clock.now() + 30_000).toISOString();
    expect((error as Error).message).toBe(
      `GET ${hung.origin}/v2/app/tags/list was not sent: ${new URL(hung.origin).host} did not answer within 100 ms ` +
        `2 times in a row, so it is paused; next try at ${retryAt}`,
    );
    expect(hung.received.length).toBe(sent);
    expect(breakerOf(hung)).toEqual({
      timeouts: 2,
      timeoutMs: 100,
      retryAt: clock.now() + 30_000,
      probing: false,
    });
    expect(told.at(-1)?.breaker?.retryAt).toBe(clock.now() + 30_000);
    // Another host is not affected.
    expect(((await get(healthy)) as { status: number }).status).toBe(200);
    expect(breakerOf(healthy)).toBeNull();
  });

  it('after the pause, sends one probe and holds the others; when it is answered, all go', async () => {
    await openBreaker();
    clock.advance(30_000);
    healed = true;
    const before = hung.received.length;
    const [probe, held] = await Promise.all([get(hung, '/probe'), get(hung, '/held')]);
    expect([(probe as { status: number }).status, (held as { status: number }).status]).toEqual([200, 200]);
    expect(hung.received.slice(before).map((req) => req.url)).toEqual(['/probe', '/held']);
    expect(told.some((budget) => budget.breaker?.probing === true)).toBe(true);
    expect(breakerOf(hung)).toBeNull();
  });

  it('a probe that times out too pauses the host twice as long; those held behind it are refused', async () => {
    await openBreaker();
    clock.advance(30_000);
    const [probe, held] = await Promise.all([get(hung, '/probe'), get(hung, '/held')]);
    expect(probe).toBeInstanceOf(HttpTimeoutError);
    expect(held).toBeInstanceOf(HttpHostPausedError);
    expect(hung.received.at(-1)?.url).toBe('/probe');
    expect(breakerOf(hung)).toMatchObject({ timeouts: 3, retryAt: clock.now() + 60_000, probing: false });
  });

  it('does not count requests that timed out before reaching the wire, nor ones the caller aborted', async () => {
    const small = new HttpClient({
      timeoutMs: 100,
      perHostConcurrency: 1,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      // One slot: the second request times out while queued for it, never sent.
      const both = await Promise.all(
        ['/a', '/b'].map((path) => small.request({ url: `${hung.origin}${path}` }).catch((e: unknown) => e)),
      );
      expect(both.every((error) => error instanceof HttpTimeoutError)).toBe(true);
      const caller = new AbortController();
      const aborted = small
        .request({ url: `${hung.origin}/c`, signal: caller.signal })
        .catch((e: unknown) => e);
      setTimeout(() => caller.abort(), 20);
      await aborted;
      expect(small.budgets()[0]?.breaker).toBeNull();
    } finally {
      await small.close();
    }
  });

  it('refuses a breaker option that is not a positive integer, naming it', () => {
    expect(() => new HttpClient({ breaker: { timeouts: 0, pauseMs: 1, maxPauseMs: 1 } })).toThrow(
      'HttpClient option breaker.timeouts must be a positive integer, got 0',
    );
  });
});
