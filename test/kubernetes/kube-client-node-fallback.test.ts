// The two kubeconfig features still handed to @kubernetes/client-node (loaded only for them):
// `proxy-url`, through a real HTTP CONNECT proxy on loopback, and the legacy `auth-provider: oidc`
// with a valid id-token, both against the fake API server requiring the bearer token.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import { runningPod, startPlatform, writeKubeconfig } from './kube-fixtures.js';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
// An id-token as an OIDC provider issues it (RS256 JWT); only its `exp` is read on the client.
const ID_TOKEN = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: 'https://idp.example', sub: 'me', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;

/** A forward proxy speaking HTTP CONNECT, recording where it was asked to connect. */
async function connectProxy(): Promise<{ url: string; targets: string[]; stop: () => Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('data', (head) => {
      const [, target] = /^CONNECT (\S+) HTTP\/1\.1\r\n/.exec(head.toString('latin1')) ?? [];
      if (target === undefined) return client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      targets.push(target);
      const [host, port] = target.split(':');
      const upstream = net.connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    });
    client.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('kubeconfig features delegated to client-node (fake API server, loopback CONNECT proxy)', () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  const platforms: KubernetesPlatform[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-fallback-'));
    fake = await FakeKubeApiServer.start({ token: ID_TOKEN });
    fake.add('pods', runningPod('default', 'web', 'nginx:1.27', `sha256:${'2'.repeat(64)}`));
    proxy = await connectProxy();
  });
  afterAll(async () => {
    await Promise.all(platforms.map((platform) => platform.stop()));
    await proxy.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fake API server: proxy-url sends every request through the proxy, and the oidc id-token authenticates', async () => {
    const path = writeKubeconfig(join(dir, 'config'), {
      clusters: [
        {
          name: 'proxied',
          cluster: { server: fake.url, 'insecure-skip-tls-verify': true, 'proxy-url': proxy.url },
        },
      ],
      users: [
        {
          name: 'oidc',
          user: {
            'auth-provider': {
              name: 'oidc',
              config: {
                'client-id': 'cupdate',
                'id-token': ID_TOKEN,
                'idp-issuer-url': 'https://idp.example',
              },
            },
          },
        },
      ],
      contexts: [{ name: 'proxied', context: { cluster: 'proxied', user: 'oidc' } }],
    });
    const { platform, recorder } = await startPlatform(loadKubeconfig([path]), 'proxied');
    platforms.push(platform);
    await recorder.until('live', () => recorder.status?.state === 'live');
    expect(recorder.graph!.has('kubernetes:proxied/pod/default/web')).toBe(true);
    expect(new Set(proxy.targets)).toEqual(new Set([new URL(fake.url).host]));
    expect(proxy.targets.length).toBeGreaterThanOrEqual(8);
  });
});
