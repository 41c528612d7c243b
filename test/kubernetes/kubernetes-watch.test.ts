// List + watch behaviour of the kubernetes platform against the fake API server: patches, resume,
// relist on 410 Gone, RBAC gaps, unreachable servers, and sockets closed on stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphPatch } from '../../internal/graph/types.js';
import { loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import {
  kubeNode,
  runningPod,
  singleContextKubeconfig,
  startPlatform,
  writeKubeconfig,
} from './kube-fixtures.js';
import type { PlatformRecorder } from './kube-fixtures.js';

const P = 'kubernetes:fake';
const DIGEST = `sha256:${'c'.repeat(64)}`;
const KINDS = 8;

function simplePod(name: string): Record<string, unknown> {
  return runningPod('default', name, 'nginx:1.27', DIGEST);
}

function patchesOf(recorder: PlatformRecorder): GraphPatch[] {
  return recorder.events.flatMap((event) => (event.type === 'patch' ? event.patches : []));
}

describe('kubernetes list + watch (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let dir: string;
  const platforms: KubernetesPlatform[] = [];

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start();
    dir = mkdtempSync(join(tmpdir(), 'kube-watch-'));
  });

  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((platform) => platform.stop()));
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(watches = KINDS): Promise<PlatformRecorder> {
    const { platform, recorder } = await startPlatform(
      singleContextKubeconfig(dir, 'fake', fake.url),
      'fake',
    );
    platforms.push(platform);
    await recorder.until(`${watches} watches open`, () => fake.openWatches === watches);
    return recorder;
  }

  it('fake API server: a pod added then deleted during the watch becomes patches; a burst is coalesced', async () => {
    fake.add('pods', simplePod('first'));
    const recorder = await start();
    fake.add('pods', simplePod('second'));
    await recorder.until('second pod', () => recorder.graph!.has(`${P}/pod/default/second`));
    expect(patchesOf(recorder)).toContainEqual(
      expect.objectContaining({
        op: 'add-node',
        node: expect.objectContaining({ id: `${P}/pod/default/second` }),
      }),
    );

    fake.delete('pods', 'default', 'second');
    await recorder.until('second pod gone', () => !recorder.graph!.has(`${P}/pod/default/second`));
    expect(patchesOf(recorder)).toContainEqual({ op: 'remove-node', id: `${P}/pod/default/second` });
    // The image is still used by the first pod, so it stays.
    expect(recorder.graph!.has(`${P}/image/docker.io/library/nginx:1.27@${DIGEST}`)).toBe(true);

    const before = recorder.count('patch');
    for (let i = 0; i < 200; i++) fake.add('pods', simplePod(`burst-${i}`));
    await recorder.until('burst applied', () => recorder.graph!.has(`${P}/pod/default/burst-199`));
    expect(recorder.count('patch') - before).toBeLessThanOrEqual(5);
    expect(recorder.count('graph')).toBe(1);
  });

  it('fake API server: a dropped watch resumes from the last resourceVersion (bookmarks included) without relisting', async () => {
    fake.add('pods', simplePod('first'));
    const recorder = await start();
    fake.add('nodes', kubeNode('node-1', 'amd64'));
    fake.bookmark();
    const bookmarked = fake.resourceVersion;
    await new Promise((resolve) => setTimeout(resolve, 50));

    fake.dropWatches();
    fake.add('pods', simplePod('while-away'));
    await recorder.until('pod added while away', () => recorder.graph!.has(`${P}/pod/default/while-away`));
    expect(fake.requests('pods', 'list')).toBe(1);
    expect(fake.requests('pods', 'watch')).toBe(2);
    expect(fake.lastWatchFrom('pods')).toBe(bookmarked);
    expect(recorder.statuses.map((status) => status.state)).not.toContain('failed');
  });

  it('fake API server: 410 Gone on resume triggers a relist and the graph converges', async () => {
    fake.add('pods', simplePod('old'));
    const recorder = await start();
    fake.dropWatches();
    fake.delete('pods', 'default', 'old');
    fake.add('pods', simplePod('new'));
    fake.compact();
    await recorder.until(
      'relisted graph',
      () => recorder.graph!.has(`${P}/pod/default/new`) && !recorder.graph!.has(`${P}/pod/default/old`),
    );
    expect(fake.requests('pods', 'list')).toBe(2);
    await recorder.until('watching again', () => fake.openWatches === KINDS);
    expect(recorder.status?.state).toBe('live');
  });

  it('fake API server: cronjobs not allowed anywhere: the other kinds are live and the status says what is not watched', async () => {
    fake.rbac = {
      clusterWide: ['pods', 'replicasets', 'deployments', 'statefulsets', 'daemonsets', 'jobs', 'nodes'],
    };
    fake.add('pods', simplePod('first'));
    // Seven kinds watch; cronjobs are not even asked for.
    const rec = await start(KINDS - 1);
    await rec.until('live', () => rec.status?.state === 'live');
    expect(rec.status).toMatchObject({
      state: 'live',
      access: {
        complete: false,
        summary:
          'You may list pods, replicasets, deployments, statefulsets, daemonsets, jobs, and nodes cluster-wide. Not allowed: cronjobs.',
      },
    });
    expect(fake.requests('cronjobs', 'list')).toBe(0);
    expect(rec.count('graph')).toBe(1);
    fake.add('pods', simplePod('second'));
    await rec.until('second pod', () => rec.graph!.has(`${P}/pod/default/second`));
  });

  it('fake API server: an unreachable server fails with the reason, then recovers when it comes back', async () => {
    const port = Number(new URL(fake.url).port);
    await fake.stop();
    const { platform, recorder } = await startPlatform(
      singleContextKubeconfig(dir, 'fake', fake.url),
      'fake',
    );
    platforms.push(platform);
    expect(recorder.status).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(
        /cannot reach the API server at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
      ),
    });
    fake = await FakeKubeApiServer.start({ port });
    fake.add('pods', simplePod('back'));
    await recorder.until(
      'live again',
      () => recorder.status?.state === 'live' && recorder.graph?.has(`${P}/pod/default/back`) === true,
    );
  });

  it('fake API server: switching contexts leaves 0 open watches on the old server', async () => {
    const other = await FakeKubeApiServer.start();
    try {
      const path = writeKubeconfig(join(dir, 'two.yaml'), {
        clusters: [
          { name: 'one', cluster: { server: fake.url, 'insecure-skip-tls-verify': true } },
          { name: 'two', cluster: { server: other.url, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'me', user: { token: 't' } }],
        contexts: [
          { name: 'one', context: { cluster: 'one', user: 'me' } },
          { name: 'two', context: { cluster: 'two', user: 'me' } },
        ],
      });
      const config = loadKubeconfig([path]);
      const first = await startPlatform(config, 'one');
      await first.recorder.until('watches on one', () => fake.openWatches === KINDS);
      await first.platform.stop();
      // stop() resolves once our sockets are closed; the server sees the FIN a moment later.
      await first.recorder.until('old server sees 0 watches', () => fake.openWatches === 0, 1_000);
      expect(first.recorder.status).toEqual({ state: 'stopped' });

      const second = await startPlatform(config, 'two');
      platforms.push(second.platform);
      await second.recorder.until('watches on two', () => other.openWatches === KINDS);
      expect(fake.openWatches).toBe(0);
      await second.platform.stop();
      await second.recorder.until('0 watches after stop', () => other.openWatches === 0, 1_000);
    } finally {
      await other.stop();
    }
  });
});
