import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { ManualClock } from './testing/manual-clock.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';
import type { HostBudget } from './types.js';

// The local HTTP server answers with whatever rate-limit headers the test put in `next`.
let next: Record<string, string> = {};
let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((_req, res) => void res.writeHead(200, next).end('{}'));
});
afterAll(() => server.close());

let client: HttpClient;
afterEach(() => client.close());

describe('HttpClient rate-limit budgets (local HTTP server)', () => {
  it('reads Docker Hub budgets and tells listeners only when the budget changes', async () => {
    const seen: HostBudget[] = [];
    client = new HttpClient();
    client.onBudget((budget) => seen.push(budget));
    next = { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' };
    await client.request({ url: `${server.origin}/a` });
    await client.request({ url: `${server.origin}/b` });
    next = { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '75;w=21600' };
    await client.request({ url: `${server.origin}/c` });
    expect(seen.map((b) => [b.limit, b.remaining, b.resetAt])).toEqual([
      [100, 76, null],
      [100, 75, null],
    ]);
    expect(client.budgets()).toEqual([
      {
        host: new URL(server.origin).host,
        limit: 100,
        remaining: 75,
        resetAt: null,
        pausedUntil: null,
        inFlight: 0,
        requests: 3,
        breaker: null,
      },
    ]);
  });

  it('pauses the host when a GitHub budget is spent: waits for a reset within the deadline', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    client = new HttpClient({ now: clock.now, sleep: clock.sleep });
    const resetAt = clock.now() + 10_000;
    next = {
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetAt / 1000),
    };
    await client.request({ url: `${server.origin}/rate` });
    expect(client.budgets()[0]).toMatchObject({ remaining: 0, resetAt, pausedUntil: resetAt });
    next = {};
    expect((await client.request({ url: `${server.origin}/rate` })).status).toBe(200);
    expect(clock.sleeps).toEqual([10_000]);
    expect(server.received).toHaveLength(5);
  });

  it('answers a 429 without sending when the reset is beyond the deadline', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    client = new HttpClient({ now: clock.now, sleep: clock.sleep, timeoutMs: 5_000 });
    const resetAt = clock.now() + 3_600_000;
    next = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt / 1000) };
    await client.request({ url: `${server.origin}/spent` });
    const refused = await client.request({ url: `${server.origin}/spent` });
    expect([
      refused.status,
      refused.headers['retry-after'],
      refused.headers['x-cupdate-host-paused'],
    ]).toEqual([429, '3600', 'true']);
    expect(client.stats().requests).toBe(1);
  });
});
