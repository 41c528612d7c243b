// Body limits of the HTTP client against a local server that streams as fast as it is read:
// a 2xx body past its limit fails naming URL, limit and meaning; an announced length past it fails
// before reading; an unsuccessful answer keeps its status and the first MiB of its body.
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_BODY_BYTES, formatBytes } from './body-limit.js';
import { HttpClient } from './client.js';
import { HttpBodyTooLargeError } from './errors.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';

const KiB = 1024;
let written = 0;

/** Writes `total` bytes (Infinity: for ever) in 16 KiB chunks, each after the last was drained. */
function stream(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(16 * KiB, 'x');
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed) {
      if (sent >= total) return void res.end();
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      written += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
  };
  pump();
}

let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/endless') return stream(res.writeHead(200), Number.POSITIVE_INFINITY);
    if (path === '/exact') return stream(res.writeHead(200), 64 * KiB);
    if (path === '/announced') {
      return stream(res.writeHead(200, { 'content-length': String(300_000_000) }), 300_000_000);
    }
    if (path === '/error-page') return stream(res.writeHead(404), Number.POSITIVE_INFINITY);
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());

let client: HttpClient;
beforeAll(() => {
  client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
});
afterAll(() => client.close());
afterEach(() => {
  written = 0;
});

describe('HttpClient body limits (local HTTP server)', () => {
  it('fails a 2xx body past its limit with the URL, the limit, its kind and what it means', async () => {
    const limit = { bytes: 64 * KiB, kind: 'a tag list page' };
    const error = await client
      .request({ url: `${server.origin}/endless?token=secret`, bodyLimit: limit })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpBodyTooLargeError);
    expect((error as Error).message).toBe(
      `GET ${server.origin}/endless answered (status 200) with a body larger than 64 KiB, the limit for a tag list page; ` +
        'it was not read further and not used. No real tag list page is that large: the server, or a proxy in between, ' +
        'is misbehaving; check it',
    );
    expect(error).toMatchObject({ status: 200, limit });
    expect(client.budgets()[0]?.inFlight).toBe(0);
  });

  it('reads a body of exactly the limit', async () => {
    const response = await client.request({
      url: `${server.origin}/exact`,
      bodyLimit: { bytes: 64 * KiB, kind: 'x' },
    });
    expect(response.body.length).toBe(64 * KiB);
  });

  it('applies the client default (8 MiB of API JSON) when a request names no limit', async () => {
    const error = await client.request({ url: `${server.origin}/endless` }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('larger than 8 MiB, the limit for an API answer');
  });

  it('refuses a body whose Content-Length is past the limit before reading it', async () => {
    const error = await client
      .request({ url: `${server.origin}/announced`, bodyLimit: { bytes: 64 * KiB, kind: 'a manifest' } })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('(it announced 300,000,000 bytes)');
    // Only what the sockets buffered before the client hung up; never the 300 MB.
    expect(written).toBeLessThan(16 * 1024 * KiB);
  });

  it('keeps the status of an unsuccessful answer and only the first MiB of its endless body', async () => {
    const response = await client.request({ url: `${server.origin}/error-page` });
    expect(response.status).toBe(404);
    expect(response.body.length).toBe(ERROR_BODY_BYTES);
  });

  it('refuses a limit that is not a positive integer, naming the option', () => {
    expect(() => new HttpClient({ bodyLimit: { bytes: 0, kind: 'x' } })).toThrow(
      'HttpClient option bodyLimit.bytes must be a positive integer, got 0',
    );
  });

  it('words limits as people read them', () => {
    expect([formatBytes(16 * 1024 * KiB), formatBytes(512 * KiB), formatBytes(1000)]).toEqual([
      '16 MiB',
      '512 KiB',
      '1,000 bytes',
    ]);
  });
});
