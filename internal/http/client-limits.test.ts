import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from './client.js';
import { HttpAbortedError, HttpTimeoutError } from './errors.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';

// `/slow` answers after 20 ms and counts the most requests it held at once; `/hang` never answers
// (until the test ends).
let inFlight = 0;
let maxInFlight = 0;
const hanging: ServerResponse[] = [];
let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((req, res) => {
    if (req.url === '/hang') return void hanging.push(res);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200).end('done');
    }, 20);
  });
});
afterAll(() => server.close());

let client: HttpClient;
afterEach(async () => {
  for (const res of hanging.splice(0)) res.end();
  await client.close();
});

describe('HttpClient limits (local HTTP server)', () => {
  it('never has more requests in flight to one host than perHostConcurrency', async () => {
    client = new HttpClient({ perHostConcurrency: 3 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => client.request({ url: `${server.origin}/slow` })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(client.budgets()[0]).toMatchObject({ inFlight: 0, requests: 12 });
  });

  it('keeps connections alive across GETs and HEADs (undici closes after HEAD by default)', async () => {
    // One slot, so one connection: a second one could only come from a connection closed after a HEAD.
    client = new HttpClient({ perHostConcurrency: 1 });
    const before = server.connections;
    for (const method of ['GET', 'HEAD', 'HEAD', 'GET', 'HEAD'] as const) {
      await client.request({ url: `${server.origin}/slow`, method });
    }
    expect(server.connections - before).toBe(1);
  });

  it('times out on a hanging server with an error naming the URL and the deadline', async () => {
    client = new HttpClient();
    const started = Date.now();
    const failure = await client
      .request({ url: `${server.origin}/hang`, timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HttpTimeoutError);
    expect((failure as Error).message).toBe(
      `GET ${server.origin}/hang did not complete within 100 ms; the server may be hanging, or raise timeoutMs`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects promptly when the caller aborts mid-request and frees the host slot', async () => {
    client = new HttpClient({ perHostConcurrency: 1 });
    const caller = new AbortController();
    const stuck = client.request({ url: `${server.origin}/hang`, signal: caller.signal });
    await vi.waitFor(() => expect(hanging).toHaveLength(1));
    // Queued behind the stuck request; its own abort must take it out of the queue.
    const queuedCaller = new AbortController();
    const queued = client.request({ url: `${server.origin}/slow`, signal: queuedCaller.signal });
    queuedCaller.abort();
    await expect(queued).rejects.toBeInstanceOf(HttpAbortedError);
    caller.abort();
    await expect(stuck).rejects.toBeInstanceOf(HttpAbortedError);
    expect(client.budgets()[0]?.inFlight).toBe(0);
    expect((await client.request({ url: `${server.origin}/slow` })).text()).toBe('done');
  });
});
