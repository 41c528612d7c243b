import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { HttpNetworkError } from './errors.js';
import { MemoryCache } from './memory-cache.js';
import { ManualClock } from './testing/manual-clock.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';
import type { CacheEntry, CacheStore } from './types.js';

/** A MemoryCache that also remembers everything ever written, to check what reached the store. */
class RecordingCache implements CacheStore {
  readonly written: [string, CacheEntry][] = [];
  readonly #inner = new MemoryCache();
  get(key: string): CacheEntry | undefined {
    return this.#inner.get(key);
  }
  set(key: string, entry: CacheEntry): void {
    this.written.push([key, entry]);
    this.#inner.set(key, entry);
  }
  delete(key: string): void {
    this.#inner.delete(key);
  }
}

// Routes of the local HTTP server: what each path answers, so each test reads like the exchange.
let failuresLeft = 0;
let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/etag')) {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      return void res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end('{"v":1}');
    }
    if (path.startsWith('/last-modified')) {
      const stamp = 'Wed, 25 Nov 2026 10:00:00 GMT';
      if (req.headers['if-modified-since'] === stamp) return void res.writeHead(304).end();
      return void res.writeHead(200, { 'last-modified': stamp }).end('lm');
    }
    if (path.startsWith('/flaky')) {
      if (failuresLeft-- > 0) return void res.writeHead(500).end('<html>oops</html>');
      return void res.writeHead(200, { 'set-cookie': 'session=secret-cookie' }).end('good');
    }
    if (path.startsWith('/truncated')) {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      return void setTimeout(() => res.destroy(), 5);
    }
    if (path.startsWith('/no-store'))
      return void res.writeHead(200, { 'cache-control': 'no-store' }).end('x');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.headers.accept ?? 'plain'}`);
  });
});
afterAll(() => server.close());

let client: HttpClient;
let clock: ManualClock;
let cache: RecordingCache;
function makeClient(): void {
  clock = new ManualClock({ autoAdvance: true });
  cache = new RecordingCache();
  client = new HttpClient({
    cache,
    now: clock.now,
    sleep: clock.sleep,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1000 },
  });
}
afterEach(() => client.close());

describe('HttpClient cache (local HTTP server)', () => {
  it('serves a fresh entry without a request, then asks again once the TTL expired', async () => {
    makeClient();
    const url = `${server.origin}/plain?ttl`;
    const first = await client.request({ url, cache: { ttlMs: 60_000 } });
    const second = await client.request({ url, cache: { ttlMs: 60_000 } });
    expect([first.source, second.source]).toEqual(['network', 'cache']);
    expect(second.text()).toBe('plain');
    clock.advance(60_001);
    expect((await client.request({ url, cache: { ttlMs: 60_000 } })).source).toBe('network');
    expect(client.stats()).toMatchObject({ requests: 2, cacheHits: 1 });
  });

  it('forget() drops a stored answer the caller found unusable, keyed like the request', async () => {
    makeClient();
    const request = {
      url: `${server.origin}/plain?forget`,
      headers: { accept: 'a' },
      cache: { ttlMs: 60_000, varyOn: ['accept'] },
    };
    await client.request(request);
    client.forget({ ...request, headers: { accept: 'b' } }); // another variant: the stored one stays
    expect((await client.request(request)).source).toBe('cache');
    client.forget(request);
    expect((await client.request(request)).source).toBe('network');
    expect(client.stats()).toMatchObject({ requests: 2, cacheHits: 1 });
  });

  it('revalidates a stale entry with If-None-Match and a 304 returns the stored body', async () => {
    makeClient();
    const url = `${server.origin}/etag`;
    await client.request({ url, cache: { ttlMs: 1000 } });
    clock.advance(1001);
    const revalidated = await client.request({ url, cache: { ttlMs: 1000 } });
    expect(revalidated.source).toBe('revalidated');
    expect(revalidated.status).toBe(200);
    expect(revalidated.json()).toEqual({ v: 1 });
    // The 304 refreshed the expiry: the next call is a cache hit.
    expect((await client.request({ url, cache: { ttlMs: 1000 } })).source).toBe('cache');
    expect(client.stats()).toMatchObject({ requests: 2, revalidated: 1, cacheHits: 1 });
  });

  it('revalidates with If-Modified-Since when the entry only has Last-Modified', async () => {
    makeClient();
    const url = `${server.origin}/last-modified`;
    await client.request({ url, cache: { ttlMs: 10 } });
    clock.advance(11);
    const revalidated = await client.request({ url, cache: { ttlMs: 10 } });
    expect([revalidated.source, revalidated.text()]).toEqual(['revalidated', 'lm']);
  });

  it('keeps an immutable entry forever', async () => {
    makeClient();
    const url = `${server.origin}/plain/sha256:abc`;
    await client.request({ url, cache: { ttlMs: 10, immutable: true } });
    clock.advance(365 * 24 * 3600_000);
    expect((await client.request({ url, cache: { ttlMs: 10, immutable: true } })).source).toBe('cache');
  });

  it('never stores an error answer, so the next call asks again and stores the good one', async () => {
    makeClient();
    failuresLeft = 1;
    const url = `${server.origin}/flaky`;
    expect((await client.request({ url, cache: { ttlMs: 60_000 } })).status).toBe(500);
    const good = await client.request({ url, cache: { ttlMs: 60_000 } });
    expect([good.status, good.source]).toEqual([200, 'network']);
    expect((await client.request({ url, cache: { ttlMs: 60_000 } })).source).toBe('cache');
    expect(cache.written).toHaveLength(1);
  });

  it('never stores a body that failed to read, nor an answer marked no-store', async () => {
    makeClient();
    const truncated = `${server.origin}/truncated`;
    await expect(client.request({ url: truncated, cache: { ttlMs: 60_000 } })).rejects.toBeInstanceOf(
      HttpNetworkError,
    );
    await client.request({ url: `${server.origin}/no-store`, cache: { ttlMs: 60_000 } });
    expect(cache.written).toHaveLength(0);
  });

  it('serves an answer stored under a partition only to requests naming the same one', async () => {
    makeClient();
    const url = `${server.origin}/plain/partitioned`;
    const ask = (partition?: string) =>
      client.request({ url, cache: { ttlMs: 60_000, ...(partition === undefined ? {} : { partition }) } });
    expect((await ask('alice')).source).toBe('network');
    expect((await ask('alice')).source).toBe('cache');
    // Another login, and anonymous requests, never see alice's answer; nor alice an anonymous one.
    expect((await ask('bob')).source).toBe('network');
    expect((await ask()).source).toBe('network');
    expect((await ask()).source).toBe('cache');
    client.forget({ url, cache: { ttlMs: 60_000, partition: 'bob' } });
    expect([(await ask('alice')).source, (await ask('bob')).source]).toEqual(['cache', 'network']);
    expect(cache.written.map(([key]) => key.split('\n').at(-1))).toEqual([
      '(credential alice)',
      '(credential bob)',
      `GET ${url}`,
      '(credential bob)',
    ]);
  });

  it('keys on varyOn headers but never on Authorization, and stores no credential', async () => {
    makeClient();
    const url = `${server.origin}/plain/vary`;
    const policy = { ttlMs: 60_000, varyOn: ['Accept', 'Authorization'] };
    const json = await client.request({
      url,
      headers: { Accept: 'application/json', Authorization: 'Bearer one' },
      cache: policy,
    });
    const oci = await client.request({
      url,
      headers: { Accept: 'application/vnd.oci', Authorization: 'Bearer two' },
      cache: policy,
    });
    const again = await client.request({
      url,
      headers: { Accept: 'application/json', Authorization: 'Bearer three' },
      cache: policy,
    });
    expect([json.text(), oci.text(), again.text()]).toEqual([
      'application/json',
      'application/vnd.oci',
      'application/json',
    ]);
    expect(again.source).toBe('cache');
    failuresLeft = 0;
    await client.request({ url: `${server.origin}/flaky`, cache: { ttlMs: 60_000 } });
    const stored = JSON.stringify(cache.written);
    expect(stored).not.toMatch(/Bearer|secret-cookie|authorization/i);
  });
});
