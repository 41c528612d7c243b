import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { HttpBodyError, HttpInvalidRequestError, HttpNetworkError } from './errors.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';

let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer((req, res) => {
    if (req.url === '/reset') {
      // Headers and 1,000 of the 4,000 bytes announced, then an RST (a moment later, so the client
      // has read them: the kernel drops what is unread when the RST arrives).
      res.writeHead(200, { 'content-length': '4000' });
      return void res.write('x'.repeat(1000), () => setTimeout(() => req.socket.resetAndDestroy(), 20));
    }
    if (req.url?.startsWith('/html') === true) {
      res.writeHead(502, { 'content-type': 'text/html' });
      return void res.end('<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags": ["1.0", "1.1"');
  });
});
afterAll(() => server.close());

let client: HttpClient;
afterEach(() => client.close());

describe('HttpClient bodies and bad input (local HTTP server)', () => {
  it('explains an HTML answer parsed as JSON with URL, status, content type and an escaped preview', async () => {
    client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const response = await client.request({ url: `${server.origin}/html?token=abc` });
    const failure = (() => {
      try {
        response.json();
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(HttpBodyError);
    expect((failure as HttpBodyError).message).toBe(
      `response of ${server.origin}/html (status 502, content-type "text/html") is not valid JSON; ` +
        'it starts with "<html>\\n<head><title>502 Bad Gateway</title></head>\\n<body>nginx</body></html>"',
    );
    expect((failure as HttpBodyError).cause).toBeInstanceOf(SyntaxError);
  });

  it('reports a truncated JSON document as HttpBodyError', async () => {
    client = new HttpClient();
    const response = await client.request({ url: `${server.origin}/tags` });
    expect(() => response.json()).toThrow(HttpBodyError);
  });

  it('says where a body broke off and keeps the errno of a connection reset', async () => {
    client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await client.request({ url: `${server.origin}/reset` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpNetworkError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET ${server.origin}/reset failed: .*the body of the HTTP 200 answer broke off after 1,000 of 4,000 ` +
          'bytes: read ECONNRESET',
      ),
    );
    expect((error as Error).cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects a relative URL, another scheme and embedded credentials with a typed error', async () => {
    client = new HttpClient();
    await expect(client.request({ url: '/v2/' })).rejects.toThrow(HttpInvalidRequestError);
    await expect(client.request({ url: 'ftp://127.0.0.1/x' })).rejects.toThrow(
      /scheme ftp: is not supported/,
    );
    const leak = await client.request({ url: 'http://user:hunter2@127.0.0.1/x' }).catch((e: unknown) => e);
    expect((leak as Error).message).toContain('embeds credentials');
    expect((leak as Error).message).not.toContain('hunter2');
  });

  it('rejects a bad option with a RangeError naming it, and requests after close()', async () => {
    client = new HttpClient();
    await client.close();
    await expect(client.request({ url: `${server.origin}/tags` })).rejects.toThrow('the client is closed');
    expect(() => new HttpClient({ perHostConcurrency: 0 })).toThrow(
      'HttpClient option perHostConcurrency must be a positive integer, got 0',
    );
  });
});
