import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/client.js';
import { HttpNetworkError } from '../http/errors.js';
import { startLocalHttpServer, type LocalHttpServer } from '../http/testing/local-http-server.js';
import { getSourceJson, sameOriginUrl } from './source-json.js';
import { defaultEndpoints, SourceError, type SourceContext } from './types.js';

const identity = (json: unknown): unknown => json;

// Answers `/<status>` with that status; `/ok` with JSON; `/flaky` with garbage the first time only.
let flakyCalls = 0;
function answer(url: string, res: ServerResponse): void {
  if (url === '/flaky' && flakyCalls++ === 0)
    res.writeHead(200, { 'content-type': 'application/json' }).end('<html>');
  else if (url === '/ok' || url === '/flaky')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
  else res.writeHead(Number(url.slice(1)), { 'content-type': 'application/json' }).end('{"message":"no"}');
}

describe('getSourceJson against a local server', () => {
  let server: LocalHttpServer;
  const ctx: SourceContext = {
    http: new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    endpoints: defaultEndpoints,
  };
  const get = (path: string, token?: string) =>
    getSourceJson(
      ctx,
      {
        source: 'test',
        what: 'test thing',
        url: new URL(`${server.origin}${path}?secret=query-s3cret`),
        ttlMs: 0,
        ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
      },
      identity,
    );

  beforeAll(async () => {
    server = await startLocalHttpServer((req, res) =>
      answer(new URL(req.url ?? '/', 'http://x').pathname, res),
    );
  });
  afterAll(async () => {
    await ctx.http.close();
    await server.close();
  });

  it('returns the parsed body of a 2xx answer', async () => {
    expect((await get('/ok')).value).toEqual({ a: 1 });
  });

  it('drops an answer that is not JSON, or that `read` rejects, from the cache so the next call asks again', async () => {
    const cached = (path: string, read: (json: unknown) => unknown) =>
      getSourceJson(
        ctx,
        { source: 'test', what: 'test thing', url: new URL(`${server.origin}${path}`), ttlMs: 60_000 },
        read,
      );
    await expect(cached('/flaky', identity)).rejects.toThrow(/malformed answer .*\(the body is not JSON\)/);
    expect((await cached('/flaky', identity)).value).toEqual({ a: 1 });
    const rejecting = (): never => {
      throw new SourceError('test', 'failed: wrong shape');
    };
    const before = server.received.length;
    await expect(cached('/ok', rejecting)).rejects.toThrow('failed: wrong shape');
    expect((await cached('/ok', identity)).value).toEqual({ a: 1 });
    expect(server.received.length - before).toBe(2);
    expect((await cached('/ok', identity)).value).toEqual({ a: 1 });
    expect(server.received.length - before).toBe(2);
  });

  it('tells a plain 403 (a permission problem) from a rate limit, and never shows the query or token', async () => {
    const error = await get('/403', 'tok-s3cret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /^failed: access to test thing denied \(HTTP 403 from http:\/\/127\.0\.0\.1:\d+\/403\); check the token/,
    );
    expect(String(error)).not.toMatch(/s3cret/);
  });

  it('names the status of any other failure', async () => {
    await expect(get('/500')).rejects.toThrow(
      /^failed: test thing: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/500$/,
    );
  });

  it('turns a network failure into a SourceError carrying the cause', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    const error = await getSourceJson(
      ctx,
      {
        source: 'test',
        what: 'test thing',
        url: new URL(closed.origin),
        ttlMs: 0,
      },
      identity,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/^failed: test thing: GET http:\/\/127\.0\.0\.1:\d+\/ failed/);
    expect((error as Error).cause).toBeInstanceOf(HttpNetworkError);
  });
});

describe('sameOriginUrl', () => {
  const base = new URL('https://gitlab.example.com/api/v4/projects/1/releases?page=1');
  it.each<[string | undefined, string | null]>([
    [
      'https://gitlab.example.com/api/v4/projects/1/releases?page=2',
      'https://gitlab.example.com/api/v4/projects/1/releases?page=2',
    ],
    ['/api/v4/projects/1/releases?page=3', 'https://gitlab.example.com/api/v4/projects/1/releases?page=3'],
    ['https://evil.example.com/steal', null],
    ['http://gitlab.example.com/api/v4/x', null],
    ['http://[bad', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(sameOriginUrl(raw, base)?.href ?? null).toBe(expected);
  });
});
