// Immutable answers are fetched once for everyone asking at the same moment (single-flight.ts),
// against a local node:http server that answers slowly, so the callers really overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { HttpAbortedError } from './errors.js';
import { startLocalHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 50);
  });
});
afterAll(() => server.close());

const received = (path: string) => server.received.filter((req) => req.url === path).length;
const immutable = { ttlMs: 0, immutable: true } as const;

describe('single flight of immutable answers', () => {
  it('sends one request for many callers of the same digest URL at once, and shares its answer', async () => {
    const client = new HttpClient();
    const url = `${server.origin}/blobs/sha256:a`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client.request({ url, cache: immutable })),
    );
    expect(received('/blobs/sha256:a')).toBe(1);
    expect(responses.map((response) => response.json())).toEqual(Array(10).fill({ ok: true }));
    expect(responses.filter((response) => response.source === 'network')).toHaveLength(1);
    expect(client.stats()).toMatchObject({ requests: 1, cacheHits: 9 });
    await client.close();
  });

  it('does not share answers that may change (a tag, a TTL) or differ by what varies the key', async () => {
    const client = new HttpClient();
    const url = `${server.origin}/tags/list`;
    await Promise.all(Array.from({ length: 3 }, () => client.request({ url, cache: { ttlMs: 60_000 } })));
    expect(received('/tags/list')).toBe(3);
    const varied = `${server.origin}/manifests/sha256:b`;
    await Promise.all(
      ['a', 'b'].map((accept) =>
        client.request({ url: varied, headers: { accept }, cache: { ...immutable, varyOn: ['accept'] } }),
      ),
    );
    expect(received('/manifests/sha256:b')).toBe(2);
    await client.close();
  });

  it('lets a waiter send the request itself when the sender aborts, and a waiter that aborts go', async () => {
    const client = new HttpClient();
    const url = `${server.origin}/blobs/sha256:c`;
    const sender = new AbortController();
    const quitter = new AbortController();
    const first = client.request({ url, cache: immutable, signal: sender.signal });
    const patient = client.request({ url, cache: immutable });
    const impatient = client.request({ url, cache: immutable, signal: quitter.signal });
    setTimeout(() => {
      sender.abort();
      quitter.abort();
    }, 10);
    await expect(first).rejects.toBeInstanceOf(HttpAbortedError);
    await expect(impatient).rejects.toBeInstanceOf(HttpAbortedError);
    expect((await patient).json()).toEqual({ ok: true });
    expect(received('/blobs/sha256:c')).toBe(2);
    await client.close();
  });
});
