// Connecting to what discovery found: DOCKER_HOST over tcp:// with mutual TLS against a real
// dockerd, and the failures a user meets (no socket, no client certificate, unreadable TLS files).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerPlatform } from '../../internal/platform/docker/docker-platform.js';
import { discoverEndpoints, type DockerEndpoint } from '../../internal/platform/docker/endpoints.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { onPath } from '../peers/run-tool.js';
import { Recorder, socketEndpoint } from './engine-helpers.js';
import { makeTlsMaterial, type TlsMaterial } from './tls-material.js';

const platforms: DockerPlatform[] = [];
afterAll(async () => {
  await Promise.all(platforms.map((p) => p.stop()));
});

async function startWatching(endpoint: DockerEndpoint): Promise<Recorder> {
  const platform = new DockerPlatform({ endpoint, reconnect: { baseMs: 50, maxMs: 100 } });
  platforms.push(platform);
  const recorder = new Recorder();
  await platform.start(recorder.emit, new AbortController().signal);
  return recorder;
}

describe('an endpoint that is not there', () => {
  it('fails at start with a reason naming it and what to do, and keeps retrying', async () => {
    const recorder = await startWatching(socketEndpoint('gone', '/nonexistent/docker.sock'));
    expect(recorder.statuses()).toEqual([
      { state: 'connecting' },
      {
        state: 'failed',
        reason: expect.stringMatching(
          /^Docker endpoint "gone" \(unix:\/\/\/nonexistent\/docker.sock\) is not there: .*start Docker/,
        ),
      },
    ]);
    await recorder.waitFor(
      'a second attempt',
      () => recorder.statuses().filter((s) => s.state === 'failed').length >= 2,
    );
    expect(recorder.events.some((e) => e.type === 'graph')).toBe(false);
  });
});

const unavailable = dockerdAvailable() ?? (onPath('openssl') ? null : 'openssl is not installed');

describe.skipIf(unavailable !== null)(
  `tcp:// with TLS on a real dockerd (skipped when: ${unavailable ?? 'n/a'})`,
  () => {
    let dir: string;
    let tls: TlsMaterial;
    let dockerd: DockerdPeer;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'docker-tls-'));
      tls = await makeTlsMaterial(dir);
      dockerd = await startDockerd({ tls: tls.server });
    });
    afterAll(async () => {
      await dockerd?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('connects to DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, as discovered', async () => {
      const env = { DOCKER_HOST: dockerd.tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.clientDir };
      const [endpoint] = await discoverEndpoints(env, { homeDir: dir, os: 'linux' });
      expect(endpoint).toMatchObject({ source: 'DOCKER_HOST', tls: { verify: true } });
      const recorder = await startWatching(endpoint!);
      expect(recorder.statuses().at(-1)).toEqual({ state: 'live' });
      expect(recorder.graphNodes()).toEqual([
        expect.objectContaining({
          kind: 'docker-host',
          endpoint: dockerd.tcpHost,
          engineVersion: expect.any(String),
        }),
      ]);
    });

    it('fails with the daemon’s refusal when no client certificate is given', async () => {
      const endpoint: DockerEndpoint = {
        ...socketEndpoint('no-cert', ''),
        host: dockerd.tcpHost!,
        tls: { ca: join(tls.clientDir, 'ca.pem'), verify: true },
      };
      const recorder = await startWatching(endpoint);
      expect(recorder.statuses().at(-1)).toMatchObject({
        state: 'failed',
        reason: expect.stringMatching(
          /^Docker endpoint "no-cert" \(tcp:.*\) failed the TLS handshake \(ERR_SSL_\w+\); check its TLS files/,
        ),
      });
    });

    it('fails naming the TLS file it cannot read', async () => {
      const missing = join(dir, 'nowhere', 'cert.pem');
      const endpoint: DockerEndpoint = {
        ...socketEndpoint('bad-files', ''),
        host: dockerd.tcpHost!,
        tls: { cert: missing, verify: true },
      };
      const recorder = await startWatching(endpoint);
      expect(recorder.statuses().at(-1)).toMatchObject({
        state: 'failed',
        reason: expect.stringMatching(
          new RegExp(`^Docker endpoint "bad-files": cannot read TLS file ${missing}; fix`),
        ),
      });
    });
  },
);
