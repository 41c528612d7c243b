// kubeconfig merging (kubectl's rules), broken contexts, token files and exec credential plugins,
// the last two checked end to end against the fake API server requiring a bearer token.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  kubeconfigPaths,
  listContexts,
  loadKubeconfig,
} from '../../internal/platform/kubernetes/kubeconfig.js';
import type { MergedKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import { startPlatform, writeKubeconfig } from './kube-fixtures.js';

const TOKEN = 'secret-token-123';

describe('kubeconfig merge (files on disk, fake API server with a bearer token)', () => {
  let fake: FakeKubeApiServer;
  let dir: string;
  let config: MergedKubeconfig;
  const platforms: KubernetesPlatform[] = [];

  beforeAll(async () => {
    fake = await FakeKubeApiServer.start({ token: TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
    mkdirSync(join(dir, 'a', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'b', 'tokens'), { recursive: true });
    // An exec credential plugin (client.authentication.k8s.io/v1 ExecCredential), relative to file a.
    const plugin = join(dir, 'a', 'bin', 'credential-plugin');
    writeFileSync(
      plugin,
      `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${TOKEN}"}}'\n`,
    );
    chmodSync(plugin, 0o755);
    writeFileSync(join(dir, 'b', 'tokens', 'token'), `${TOKEN}\n`);

    const a = writeKubeconfig(join(dir, 'a', 'config'), {
      clusters: [
        { name: 'main', cluster: { server: fake.url, 'insecure-skip-tls-verify': true } },
        { name: 'bad-ca', cluster: { server: fake.url, 'certificate-authority': 'missing-ca.crt' } },
      ],
      users: [
        { name: 'plain', user: { token: TOKEN } },
        { name: 'wrong', user: { token: 'not-the-token' } },
        {
          name: 'exec',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: './bin/credential-plugin',
              interactiveMode: 'Never',
            },
          },
        },
        {
          name: 'no-plugin',
          user: {
            exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'cupdate-no-such-plugin' },
          },
        },
      ],
      contexts: [
        { name: 'alpha', context: { cluster: 'main', user: 'plain', namespace: 'team-a' } },
        { name: 'exec', context: { cluster: 'main', user: 'exec' } },
        { name: 'no-user', context: { cluster: 'main', user: 'ghost' } },
        { name: 'bad-ca', context: { cluster: 'bad-ca', user: 'plain' } },
        { name: 'no-plugin', context: { cluster: 'main', user: 'no-plugin' } },
        { name: 'wrong-token', context: { cluster: 'main', user: 'wrong' } },
      ],
      'current-context': 'alpha',
    });
    const b = writeKubeconfig(join(dir, 'b', 'config'), {
      clusters: [
        { name: 'main', cluster: { server: 'https://shadowed.invalid' } },
        { name: 'other', cluster: { server: fake.url, 'insecure-skip-tls-verify': true } },
      ],
      users: [{ name: 'file-token', user: { 'token-file': 'tokens/token' } }],
      contexts: [
        { name: 'alpha', context: { cluster: 'other', user: 'file-token', namespace: 'shadowed' } },
        { name: 'beta', context: { cluster: 'other', user: 'file-token' } },
      ],
      'current-context': 'beta',
    });
    config = loadKubeconfig(kubeconfigPaths({ KUBECONFIG: [a, join(dir, 'missing'), b].join(delimiter) }));
  });

  afterAll(async () => {
    await Promise.all(platforms.map((platform) => platform.stop()));
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges like kubectl: first definition wins, first current-context wins, missing files skipped', () => {
    const contexts = listContexts(config);
    expect(contexts.map((context) => context.name)).toEqual([
      'alpha',
      'exec',
      'no-user',
      'bad-ca',
      'no-plugin',
      'wrong-token',
      'beta',
    ]);
    expect(contexts[0]).toEqual({
      name: 'alpha',
      cluster: 'main',
      server: fake.url,
      namespace: 'team-a',
      user: 'plain',
      current: true,
    });
    expect(contexts.find((context) => context.name === 'beta')).toMatchObject({
      cluster: 'other',
      current: false,
    });
    expect(config.fileErrors).toEqual([]);
  });

  it('reports each broken context with its reason and keeps the good ones usable', () => {
    const errors = Object.fromEntries(listContexts(config).map((context) => [context.name, context.error]));
    expect(errors['alpha']).toBeUndefined();
    expect(errors['exec']).toBeUndefined();
    expect(errors['beta']).toBeUndefined();
    expect(errors['no-user']).toMatch(/user "ghost" is not defined/);
    expect(errors['bad-ca']).toMatch(
      /cannot read certificate-authority of cluster "bad-ca" at .*\/a\/missing-ca\.crt/,
    );
    expect(errors['no-plugin']).toMatch(/exec credential plugin "cupdate-no-such-plugin" .* was not found/);
  });

  it('fake API server: a relative token-file resolves against the file that defined it', async () => {
    const { platform, recorder } = await startPlatform(config, 'beta');
    platforms.push(platform);
    await recorder.until('live', () => recorder.status?.state === 'live');
    expect(recorder.count('graph')).toBe(1);
  });

  it('fake API server: an exec credential plugin (relative command) supplies the token', async () => {
    const { platform, recorder } = await startPlatform(config, 'exec');
    platforms.push(platform);
    await recorder.until('live', () => recorder.status?.state === 'live');
  });

  it('a context with a missing exec plugin fails alone, saying which plugin', async () => {
    const { platform, recorder } = await startPlatform(config, 'no-plugin');
    platforms.push(platform);
    expect(recorder.status).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/context "no-plugin": exec credential plugin "cupdate-no-such-plugin"/),
    });
  });

  it('fake API server: rejected credentials fail the context with a reason that names it, not the token', async () => {
    const { platform, recorder } = await startPlatform(config, 'wrong-token');
    platforms.push(platform);
    expect(recorder.status).toEqual({
      state: 'failed',
      reason:
        'the API server rejected the credentials of context "wrong-token"; log in again or fix the user entry',
    });
  });

  it('no kubeconfig at all means no contexts (never a made-up localhost:8080 context)', () => {
    const none = loadKubeconfig(kubeconfigPaths({}, join(dir, 'empty-home')));
    expect(listContexts(none)).toEqual([]);
    expect(kubeconfigPaths({}, '/home/someone')).toEqual(['/home/someone/.kube/config']);
  });

  it('a malformed file is reported by path and the other files still load', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'clusters: [unclosed\n');
    const merged = loadKubeconfig([broken, join(dir, 'a', 'config')]);
    expect(merged.fileErrors.map((error) => error.input)).toEqual([broken]);
    expect(merged.fileErrors[0]?.cause).toBeInstanceOf(Error);
    expect(listContexts(merged).map((context) => context.name)).toContain('alpha');
  });
});
