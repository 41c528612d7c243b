// TLS to the API server without client-node: the fake API server over HTTPS with a throwaway CA
// (openssl), a context trusting it through certificate-authority-data and authenticating with a
// client certificate; and kubeconfig mistakes reported by file, entry, field and line:column.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContexts, loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import type { MergedKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { makeTlsMaterial } from '../docker/tls-material.js';
import { onPath } from '../peers/run-tool.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import { runningPod, startPlatform, writeKubeconfig } from './kube-fixtures.js';

const unavailable = onPath('openssl') ? null : 'openssl is not installed (apt-get install openssl)';
const b64 = (path: string) => readFileSync(path).toString('base64');

describe.skipIf(unavailable !== null)(`kube TLS and kubeconfig fields (skipped: ${unavailable})`, () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  let path: string;
  let config: MergedKubeconfig;
  const platforms: KubernetesPlatform[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-tls-'));
    const tls = await makeTlsMaterial(dir);
    fake = await FakeKubeApiServer.start({
      tls: {
        cert: readFileSync(tls.server.cert),
        key: readFileSync(tls.server.key),
        clientCa: readFileSync(tls.server.ca),
      },
    });
    fake.add('pods', runningPod('default', 'web', 'nginx:1.27', `sha256:${'e'.repeat(64)}`));
    const client = {
      'client-certificate-data': b64(join(tls.clientDir, 'cert.pem')),
      'client-key-data': b64(join(tls.clientDir, 'key.pem')),
    };
    path = writeKubeconfig(join(dir, 'config'), {
      clusters: [
        { name: 'good', cluster: { server: fake.url, 'certificate-authority-data': b64(tls.server.ca) } },
        {
          name: 'garbage-ca',
          cluster: { server: fake.url, 'certificate-authority-data': 'bm90IGEgY2VydGlmaWNhdGU=' },
        },
        {
          name: 'pem-ca',
          cluster: { server: fake.url, 'certificate-authority-data': readFileSync(tls.server.ca, 'utf8') },
        },
        { name: 'no-ca', cluster: { server: fake.url } },
      ],
      users: [
        { name: 'cert', user: client },
        { name: 'bad-key', user: { ...client, 'client-key-data': b64(join(tls.clientDir, 'cert.pem')) } },
        { name: 'gke', user: { 'auth-provider': { name: 'gcp', config: {} } } },
      ],
      contexts: [
        { name: 'good', context: { cluster: 'good', user: 'cert' } },
        { name: 'garbage-ca', context: { cluster: 'garbage-ca', user: 'cert' } },
        { name: 'pem-ca', context: { cluster: 'pem-ca', user: 'cert' } },
        { name: 'bad-key', context: { cluster: 'good', user: 'bad-key' } },
        { name: 'untrusted', context: { cluster: 'no-ca', user: 'cert' } },
        { name: 'gke', context: { cluster: 'good', user: 'gke' } },
      ],
    });
    config = loadKubeconfig([path]);
  });

  afterAll(async () => {
    await Promise.all(platforms.map((platform) => platform.stop()));
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fake API server over HTTPS: certificate-authority-data and a client certificate connect', async () => {
    const { platform, recorder } = await startPlatform(config, 'good');
    platforms.push(platform);
    await recorder.until('live', () => recorder.status?.state === 'live');
    expect(recorder.graph!.has('kubernetes:good/pod/default/web')).toBe(true);
  });

  it('names the file, the entry and the field of bad TLS material, instead of a handshake error', async () => {
    const errors = Object.fromEntries(listContexts(config).map((context) => [context.name, context.error]));
    expect(errors['good']).toBeUndefined();
    expect(errors['garbage-ca']).toBe(
      `certificate-authority-data of cluster "garbage-ca" (in ${path}) is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block); paste the output of "base64 -w0 FILE" or put the file's path in certificate-authority`,
    );
    expect(errors['pem-ca']).toBe(
      `certificate-authority-data of cluster "pem-ca" (in ${path}) holds PEM text, not base64; base64-encode it (base64 -w0 FILE) or put the file's path in certificate-authority`,
    );
    expect(errors['bad-key']).toMatch(
      new RegExp(`^client-key-data of user "bad-key" \\(in ${path}\\) is not a PEM private key \\(`),
    );
    expect(errors['gke']).toBe(
      `user "gke" (in ${path}) uses the "gcp" auth-provider, which kubectl removed in 1.26; switch the user to the gke-gcloud-auth-plugin exec credential plugin`,
    );

    const { platform, recorder } = await startPlatform(config, 'garbage-ca');
    platforms.push(platform);
    expect(recorder.status).toEqual({
      state: 'failed',
      reason: `context "garbage-ca": ${errors['garbage-ca']}`,
    });
  });

  it('fake API server over HTTPS: a server the context does not trust fails with the TLS reason', async () => {
    const { platform, recorder } = await startPlatform(config, 'untrusted');
    platforms.push(platform);
    expect(recorder.status).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(
        /^cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: .*(self-signed|unable to verify|local issuer)/,
      ),
    });
  });

  it('malformed YAML is reported with its file, line and column; the other files still load', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nclusters:\n  - name: a\n    cluster: {server: "https://x"\n');
    const merged = loadKubeconfig([broken, path]);
    expect(merged.fileErrors.map((error) => error.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${broken}: is not valid kubeconfig YAML \\(line 5, column 1: .+\\); fix it or remove it from KUBECONFIG$`,
        ),
      ),
    ]);
    expect(listContexts(merged).map((context) => context.name)).toContain('good');
  });
});
