import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from './client.js';
import { HttpAbortedError, HttpNetworkError } from './errors.js';
import { ManualClock } from './testing/manual-clock.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';

// Each path answers the listed statuses in turn (then 200), with the given headers.
const scripts = new Map<string, { status: number; headers?: Record<string, string> }[]>();
let busy: LocalHttpServer;
let calm: LocalHttpServer;
beforeAll(async () => {
  busy = await startLocalHttpServer((req, res) => {
    const next = scripts.get(req.url ?? '')?.shift();
    if (next === undefined) return void res.writeHead(200).end('ok');
    res.writeHead(next.status, next.headers).end('busy');
  });
  calm = await startLocalHttpServer((_req, res) => void res.writeHead(200).end('calm'));
});
afterAll(async () => {
  await busy.close();
  await calm.close();
});

let client: HttpClient;
afterEach(() => client.close());
function makeClient(clock: ManualClock, maxDelayMs = 30_000): HttpClient {
  client = new HttpClient({
    now: clock.now,
    sleep: clock.sleep,
    retry: { attempts: 3, baseDelayMs: 200, maxDelayMs },
  });
  return client;
}
const count = (path: string) => busy.received.filter((r) => r.url === path).length;

describe('HttpClient retries (local HTTP server)', () => {
  it('waits the Retry-After seconds of a 503, then answers with the retried request', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    scripts.set('/seconds', [{ status: 503, headers: { 'retry-after': '7' } }]);
    const response = await makeClient(clock).request({ url: `${busy.origin}/seconds` });
    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([7000]);
    expect(count('/seconds')).toBe(2);
    expect(client.stats().retries).toBe(1);
  });

  it('waits until the Retry-After HTTP-date of a 429', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const at = new Date(clock.now() + 12_000).toUTCString();
    scripts.set('/date', [{ status: 429, headers: { 'retry-after': at } }]);
    expect((await makeClient(clock).request({ url: `${busy.origin}/date` })).status).toBe(200);
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('returns the 429 at once when its Retry-After is longer than maxDelayMs', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    scripts.set('/long', [{ status: 429, headers: { 'retry-after': '3600' } }]);
    const response = await makeClient(clock, 30_000).request({ url: `${busy.origin}/long` });
    expect([response.status, response.headers['retry-after']]).toEqual([429, '3600']);
    expect(count('/long')).toBe(1);
  });

  it('backs off on 502/504 up to the attempt count and returns the last answer', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    scripts.set('/gateway', [{ status: 502 }, { status: 504 }, { status: 502 }]);
    const response = await makeClient(clock).request({ url: `${busy.origin}/gateway` });
    expect(response.status).toBe(502);
    expect(count('/gateway')).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]).toBeLessThan(400);
  });

  it('does not retry statuses in noRetryOn, nor a POST', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    scripts.set('/handled', [{ status: 503 }]);
    scripts.set('/post', [{ status: 503 }]);
    makeClient(clock);
    expect((await client.request({ url: `${busy.origin}/handled`, noRetryOn: [503] })).status).toBe(503);
    expect((await client.request({ url: `${busy.origin}/post`, method: 'POST', body: 'x' })).status).toBe(
      503,
    );
    expect(count('/handled') + count('/post')).toBe(2);
  });

  it('retries a refused connection and then names method, origin and path (not the query) with the cause', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const gone = await startLocalHttpServer(() => undefined);
    await gone.close();
    const failure = await makeClient(clock)
      .request({ url: `${gone.origin}/v2/library/alpine/manifests/3?X-Amz-Signature=secret` })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpNetworkError);
    expect((failure as Error).message).toContain(`GET ${gone.origin}/v2/library/alpine/manifests/3 failed`);
    expect((failure as Error).message).toContain('ECONNREFUSED');
    expect((failure as Error).message).not.toContain('secret');
    expect((failure as Error).cause).toBeDefined();
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('rejects with HttpAbortedError when the caller aborts during a Retry-After wait', async () => {
    const clock = new ManualClock();
    scripts.set('/abandoned', [{ status: 503, headers: { 'retry-after': '10' } }]);
    const caller = new AbortController();
    const pending = makeClient(clock).request({ url: `${busy.origin}/abandoned`, signal: caller.signal });
    await vi.waitFor(() => expect(clock.waiting).toBe(1));
    caller.abort();
    await expect(pending).rejects.toBeInstanceOf(HttpAbortedError);
    expect(count('/abandoned')).toBe(1);
  });

  it('pauses a host after a 429 with Retry-After without blocking another host', async () => {
    const clock = new ManualClock();
    scripts.set('/paused', [{ status: 429, headers: { 'retry-after': '5' } }]);
    makeClient(clock);
    const first = client.request({ url: `${busy.origin}/paused` });
    await vi.waitFor(() => expect(clock.waiting).toBe(1));
    // Same host: waits for the pause without sending. Other host: answers now.
    const sameHost = client.request({ url: `${busy.origin}/other` });
    expect((await client.request({ url: `${calm.origin}/` })).text()).toBe('calm');
    await vi.waitFor(() => expect(clock.waiting).toBe(2));
    expect(count('/other')).toBe(0);
    expect(client.budgets().find((b) => b.host === new URL(busy.origin).host)?.pausedUntil).toBe(
      clock.now() + 5000,
    );
    clock.advance(5000);
    expect((await first).status).toBe(200);
    expect((await sameHost).status).toBe(200);
    expect(count('/other')).toBe(1);
  });
});
