// Issue 15: a kube context whose exec credential plugin hangs must not keep the others from being
// checked, and no plugin process may outlive stop. A real plugin script that hangs (with a child of
// its own), a good context on the fake API server running an image from the real registry;
// through the App (createApp), through `tsx internal/cli.ts scan`, and `serve` stopped by SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../internal/app.js';
import type { ScanReport } from '../../internal/cli/scan-report.js';
import { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { isRunning } from '../peers/process-state.js';
import { registryAvailable } from '../peers/registry.js';
import { runningPod, writeKubeconfig } from './kube-fixtures.js';

const unavailable = registryAvailable('none');
const CLI = join(import.meta.dirname, '../../internal/cli.ts');

describe.skipIf(unavailable !== null)(`a hanging exec credential plugin (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  let fake: FakeKubeApiServer;
  let dir: string;
  let kubeconfig: string;
  let pidFile: string;
  let reference: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exec-hang-'));
    fake = await FakeKubeApiServer.start();
    const host = registry.peer.host;
    const { digest } = registry.seeded.singleDocker.tags['1.24'];
    reference = `${host}/fixtures/single-docker:1.24@${digest}`;
    fake.add('pods', runningPod('default', 'web', `${host}/fixtures/single-docker:1.24`, digest));
    pidFile = join(dir, 'plugin-pids');
    const plugin = join(dir, 'hanging-plugin');
    // Like a plugin waiting for a login that never comes; it starts a child of its own.
    writeFileSync(plugin, `#!/bin/sh\nsleep 600 &\necho "$$ $!" >> ${pidFile}\nwait\n`);
    chmodSync(plugin, 0o755);
    kubeconfig = writeKubeconfig(join(dir, 'config'), {
      clusters: [fake.clusterEntry('fake')],
      users: [
        { name: 'token', user: { token: 't' } },
        {
          name: 'sso',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: plugin,
              interactiveMode: 'Never',
            },
          },
        },
      ],
      contexts: [
        { name: 'exec-hang', context: { cluster: 'fake', user: 'sso' } },
        { name: 'good', context: { cluster: 'fake', user: 'token' } },
      ],
    });
  });

  afterAll(async () => {
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const pluginPids = () =>
    readFileSync(pidFile, { encoding: 'utf8', flag: 'a+' })
      .split(/\s+/)
      .filter((text) => text !== '')
      .map(Number);

  it('App: the good context is checked while the hanging one misses its deadline; stop kills the plugin', async () => {
    writeFileSync(pidFile, '');
    const config = loadKubeconfig([kubeconfig]);
    const app = createApp({
      dataDir: join(dir, 'app'),
      platforms: ['exec-hang', 'good'].map(
        (context) => new KubernetesPlatform({ kubeconfig: config, context }),
      ),
      minimumAgeMs: 0,
      firstGraphTimeoutMs: 1_500,
    });
    try {
      const started = Date.now();
      await app.start();
      await app.settled();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(app.getImage(reference)?.status).toBe('done');
      expect(app.platforms()).toEqual([
        {
          id: 'kubernetes:exec-hang',
          type: 'kubernetes',
          status: {
            state: 'failed',
            reason:
              'no first graph within 1.5 s (still connecting); the other platforms go ahead, and this one joins in when it can',
          },
        },
        { id: 'kubernetes:good', type: 'kubernetes', status: expect.objectContaining({ state: 'live' }) },
      ]);
      // One plugin for the eight kinds' requests, still waiting, with its child.
      expect(pluginPids().filter(isRunning)).toHaveLength(2);
    } finally {
      await app.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pluginPids().filter(isRunning)).toEqual([]);
  });

  it('scan --kube-context exec-hang --kube-context good: checks the good context and leaves no plugin behind', async () => {
    writeFileSync(pidFile, '');
    const started = Date.now();
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          CLI,
          'scan',
          '--no-sources',
          '--kube-context',
          'exec-hang',
          '--kube-context',
          'good',
        ],
        { timeout: 60_000, env: { ...process.env, KUBECONFIG: kubeconfig, DOCKER_HOST: '' } },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
      ),
    );
    const elapsed = Date.now() - started;
    // 3: a platform could not be checked (docs/pipeline.md, exit codes); the good one was.
    expect(run.code, run.stderr).toBe(3);
    // The default deadline is 15 s; without it the scan never ended (killed at 60 s).
    expect(elapsed).toBeLessThan(40_000);
    const report = JSON.parse(run.stdout) as ScanReport;
    expect(report.images.find((image) => image.reference === reference)).toMatchObject({ status: 'done' });
    expect(report.platforms.find((platform) => platform.id === 'kubernetes:exec-hang')?.status).toMatchObject(
      {
        state: 'failed',
        reason: expect.stringMatching(/^no first graph within 15 s/),
      },
    );
    expect(run.stderr).toMatch(/kubernetes:exec-hang: failed \(no first graph within 15 s/);
    expect(pluginPids()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pluginPids().filter(isRunning)).toEqual([]);
  }, 60_000);

  it('serve --kube-context exec-hang: SIGTERM ends the process and the one plugin it started', async () => {
    writeFileSync(pidFile, '');
    const serve = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        'serve',
        '--port',
        '0',
        '--no-sources',
        '--data-dir',
        join(dir, 'serve'),
        '--kube-context',
        'exec-hang',
      ],
      { env: { ...process.env, KUBECONFIG: kubeconfig, DOCKER_HOST: '' }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && pluginPids().length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pluginPids().filter(isRunning)).toHaveLength(2);
    serve.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000)),
    ]);
    if (code === 'still running') serve.kill('SIGKILL');
    expect(code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pluginPids().filter(isRunning)).toEqual([]);
  }, 30_000);
});
