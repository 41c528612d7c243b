// Real failures from undici (the client the core uses) against servers on 127.0.0.1 and a name
// under `.invalid`, which never resolves (RFC 6761 §6.4), each described by kind with its host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { HttpNetworkError } from './errors.js';
import { describeNetworkFailure } from './network-failure.js';
import { startLocalHttpServer } from './testing/local-http-server.js';

/** What a real request to `url` throws. */
async function failureOf(url: string, options: { headersTimeout?: number } = {}): Promise<unknown> {
  return request(url, options).then(
    () => new Error(`${url} answered`),
    (error: unknown) => error,
  );
}

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cupdate-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('describeNetworkFailure (real undici errors)', () => {
  it('names a DNS failure and the host name', async () => {
    const url = new URL('http://registry.cupdate-test.invalid/v2/');
    const failure = describeNetworkFailure(await failureOf(url.href), url);
    expect(failure.kind).toBe('dns');
    expect(failure.problem).toMatch(
      /^the host name registry\.cupdate-test\.invalid could not be resolved \(DNS: getaddrinfo E/,
    );
    expect(failure.advice).toContain('check the host name');
  });

  it('names a refused connection with host and port', async () => {
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    const url = new URL(`${closed.origin}/v2/`);
    const failure = describeNetworkFailure(await failureOf(url.href), url);
    expect(failure).toMatchObject({
      kind: 'refused',
      problem: `${url.host} refused the connection (connect ECONNREFUSED ${url.host})`,
    });
    expect(failure.advice).toContain('check that the server is running');
  });

  it('tells a plain http server on an https address from a certificate problem', async () => {
    const plain = await startLocalHttpServer((_req, res) => res.end('{}'));
    const tlsToPlain = new URL(`${plain.origin.replace('http:', 'https:')}/v2/`);
    const wrongProtocol = describeNetworkFailure(await failureOf(tlsToPlain.href), tlsToPlain);
    await plain.close();
    expect(wrongProtocol.kind).toBe('tls');
    expect(wrongProtocol.problem).toMatch(
      new RegExp(`^the TLS connection to ${tlsToPlain.host} failed \\(.*wrong version number`),
    );
    expect(wrongProtocol.problem).not.toContain('\n');
    expect(wrongProtocol.advice).toContain('insecure registry');

    const server = createHttpsServer(selfSignedCertificate(), (_req, res) => res.end('{}'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/v2/`);
    const selfSigned = describeNetworkFailure(await failureOf(url.href), url);
    await new Promise((done) => server.close(done));
    expect(selfSigned).toMatchObject({
      kind: 'tls',
      problem: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT'),
    });
    expect(selfSigned.advice).toContain('certificate');
  });

  it('names a server that does not answer in time, and one that hangs up', async () => {
    const silent = await startLocalHttpServer(() => undefined);
    const slowUrl = new URL(`${silent.origin}/v2/`);
    const slow = describeNetworkFailure(await failureOf(slowUrl.href, { headersTimeout: 100 }), slowUrl);
    await silent.close();
    expect(slow).toMatchObject({ kind: 'timeout', problem: expect.stringMatching(/did not answer in time/) });

    const rude = await startLocalHttpServer((req) => req.socket.destroy());
    const url = new URL(`${rude.origin}/v2/`);
    const reset = describeNetworkFailure(await failureOf(url.href), url);
    await rude.close();
    expect(reset).toMatchObject({
      kind: 'reset',
      problem: expect.stringContaining(`connection to ${url.host} was closed`),
    });
  });

  it('words the HTTP client error with it: method, URL, the cause and what to do', async () => {
    const client = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      const error = await client
        .request({ url: 'http://registry.cupdate-test.invalid/v2/' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpNetworkError);
      expect((error as HttpNetworkError).failure.kind).toBe('dns');
      expect((error as Error).message).toMatch(
        /^GET http:\/\/registry\.cupdate-test\.invalid\/v2\/ failed: the host name registry\.cupdate-test\.invalid could not be resolved \(DNS: .*\); check the host name/,
      );
    } finally {
      await client.close();
    }
  });
});
