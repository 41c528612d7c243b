import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { startLocalHttpServer } from './testing/local-http-server.js';
import type { LocalHttpServer } from './testing/local-http-server.js';

// `registry` redirects like a registry sending blob GETs to a CDN; `cdn` is another origin and
// echoes the credential headers it received (which must be none).
let registry: LocalHttpServer;
let cdn: LocalHttpServer;
beforeAll(async () => {
  cdn = await startLocalHttpServer((req, res) => {
    const seen = { method: req.method, authorization: req.headers.authorization, cookie: req.headers.cookie };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  registry = await startLocalHttpServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/v2/app/blobs/sha256:1')
      return void res.writeHead(307, { location: `${cdn.origin}/blob?sig=s` }).end();
    if (path === '/same-origin') return void res.writeHead(302, { location: '/echo' }).end();
    if (path === '/see-other') return void res.writeHead(303, { location: `${cdn.origin}/result` }).end();
    if (path === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
    const seen = { method: req.method, authorization: req.headers.authorization };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
});
afterAll(async () => {
  await registry.close();
  await cdn.close();
});

let client: HttpClient;
afterEach(() => client.close());
const credentials = {
  Authorization: 'Bearer registry-token',
  Cookie: 'session=1',
  'Proxy-Authorization': 'Basic x',
};

describe('HttpClient redirects (local HTTP server)', () => {
  it('drops Authorization and Cookie when a redirect changes origin', async () => {
    client = new HttpClient();
    const response = await client.request({
      url: `${registry.origin}/v2/app/blobs/sha256:1`,
      headers: credentials,
    });
    expect(response.url).toBe(`${cdn.origin}/blob?sig=s`);
    expect(response.json()).toEqual({ method: 'GET' });
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    client = new HttpClient();
    const response = await client.request({ url: `${registry.origin}/same-origin`, headers: credentials });
    expect(response.json()).toEqual({ method: 'GET', authorization: 'Bearer registry-token' });
  });

  it('turns a POST answered with 303 into a GET without body', async () => {
    client = new HttpClient();
    const response = await client.request({
      url: `${registry.origin}/see-other`,
      method: 'POST',
      body: '{}',
    });
    expect(response.json()).toEqual({ method: 'GET' });
  });

  it('stops after maxRedirects and returns the redirect itself', async () => {
    client = new HttpClient();
    const response = await client.request({ url: `${registry.origin}/loop`, maxRedirects: 2 });
    expect([response.status, response.headers['location']]).toEqual([301, '/loop']);
    expect(client.stats().requests).toBe(3);
  });
});
