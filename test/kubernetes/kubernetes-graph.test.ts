// The graph a kube context produces, against the fake API server (test/fakes/fake-kube-apiserver.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerNode, ImageNode, PodNode } from '../../internal/graph/types.js';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import {
  kubeNode,
  pod,
  runningPod,
  singleContextKubeconfig,
  startPlatform,
  workload,
} from './kube-fixtures.js';
import type { PlatformRecorder } from './kube-fixtures.js';

const P = 'kubernetes:fake';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

describe('kubernetes graph (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let dir: string;
  let platform: KubernetesPlatform | undefined;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start();
    dir = mkdtempSync(join(tmpdir(), 'kube-graph-'));
  });

  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<PlatformRecorder> {
    const started = await startPlatform(singleContextKubeconfig(dir, 'fake', fake.url), 'fake');
    platform = started.platform;
    return started.recorder;
  }

  function parentsOf(recorder: PlatformRecorder, id: string): string[] {
    return recorder.graph!.parentsOf(id);
  }

  it('fake API server: deployment → replicaset → pods with init and ephemeral containers, node arch on the image', async () => {
    fake.add('nodes', kubeNode('node-arm', 'arm64'));
    fake.add('deployments', workload('web', 'frontend', undefined, { app: 'frontend' }));
    fake.add('replicasets', workload('web', 'frontend-7d4b9', { kind: 'Deployment', name: 'frontend' }));
    for (const name of ['frontend-7d4b9-a', 'frontend-7d4b9-b']) {
      fake.add(
        'pods',
        pod({
          namespace: 'web',
          name,
          nodeName: 'node-arm',
          owner: { kind: 'ReplicaSet', name: 'frontend-7d4b9' },
          annotations: {
            'config.cupdate/ignore': 'false',
            'kubectl.kubernetes.io/last-applied-configuration': '{…}',
          },
          initContainers: [
            { name: 'migrate', image: 'ghcr.io/acme/migrate:2', imageID: `ghcr.io/acme/migrate@${DIGEST_B}` },
          ],
          containers: [{ name: 'nginx', image: 'nginx:1.25', imageID: `docker-pullable://nginx@${DIGEST}` }],
          ephemeralContainers: [
            { name: 'debugger', image: 'busybox', imageID: `docker.io/library/busybox@${DIGEST}` },
          ],
        }),
      );
    }
    const recorder = await start();
    await recorder.until('live', () => recorder.status?.state === 'live');
    expect(recorder.count('graph')).toBe(1);

    const image = `${P}/image/docker.io/library/nginx:1.25@${DIGEST}?platform=linux/arm64`;
    const imageNode = recorder.graph!.node(image) as ImageNode;
    expect(imageNode).toMatchObject({
      kind: 'image',
      name: 'nginx:1.25',
      reference: `docker.io/library/nginx:1.25@${DIGEST}`,
      os: 'linux',
      architecture: 'arm64',
    });
    // One image node, shared by both pods' containers.
    expect(recorder.graph!.parentsOf(image).sort()).toEqual([
      `${P}/container/web/frontend-7d4b9-a/nginx`,
      `${P}/container/web/frontend-7d4b9-b/nginx`,
    ]);
    const roles = ['migrate', 'nginx', 'debugger'].map(
      (name) => (recorder.graph!.node(`${P}/container/web/frontend-7d4b9-a/${name}`) as ContainerNode).role,
    );
    expect(roles).toEqual(['init', 'container', 'ephemeral']);
    expect((recorder.graph!.node(`${P}/container/web/frontend-7d4b9-a/migrate`) as ContainerNode).state).toBe(
      'exited',
    );

    const podId = `${P}/pod/web/frontend-7d4b9-a`;
    expect(recorder.graph!.ancestors(podId)).toEqual([
      `${P}/replicaset/web/frontend-7d4b9`,
      `${P}/deployment/web/frontend`,
      `${P}/namespace/web`,
      `${P}/kube-context/fake`,
    ]);
    const podNode = recorder.graph!.node(podId) as PodNode;
    expect(podNode.labels).toEqual({ 'config.cupdate/ignore': 'false' });
    expect(recorder.graph!.node(`${P}/deployment/web/frontend`)?.labels).toEqual({ app: 'frontend' });
  });

  it('fake API server: cronjob → job → pod chain, statefulset and daemonset', async () => {
    fake.add('cronjobs', workload('batch', 'nightly'));
    fake.add('jobs', workload('batch', 'nightly-29012', { kind: 'CronJob', name: 'nightly' }));
    fake.add(
      'pods',
      runningPod('batch', 'nightly-29012-x', 'alpine:3', DIGEST, { kind: 'Job', name: 'nightly-29012' }),
    );
    fake.add('statefulsets', workload('db', 'postgres'));
    fake.add(
      'pods',
      runningPod('db', 'postgres-0', 'postgres:16', DIGEST, { kind: 'StatefulSet', name: 'postgres' }),
    );
    fake.add('daemonsets', workload('kube-system', 'kube-proxy'));
    const proxy = 'registry.k8s.io/kube-proxy:v1.31.0';
    fake.add(
      'pods',
      runningPod('kube-system', 'kube-proxy-abc', proxy, DIGEST, { kind: 'DaemonSet', name: 'kube-proxy' }),
    );
    const recorder = await start();

    expect(recorder.graph!.ancestors(`${P}/pod/batch/nightly-29012-x`).slice(0, 3)).toEqual([
      `${P}/job/batch/nightly-29012`,
      `${P}/cronjob/batch/nightly`,
      `${P}/namespace/batch`,
    ]);
    expect(parentsOf(recorder, `${P}/pod/db/postgres-0`)).toEqual([`${P}/statefulset/db/postgres`]);
    expect(parentsOf(recorder, `${P}/pod/kube-system/kube-proxy-abc`)).toEqual([
      `${P}/daemonset/kube-system/kube-proxy`,
    ]);
    expect(parentsOf(recorder, `${P}/statefulset/db/postgres`)).toEqual([`${P}/namespace/db`]);
  });

  it('fake API server: an owner of unknown kind (CRD Rollout) ends the chain at the last known object', async () => {
    fake.add(
      'replicasets',
      workload('web', 'shop-5f6', { kind: 'Rollout', name: 'shop', apiVersion: 'argoproj.io/v1alpha1' }),
    );
    fake.add(
      'pods',
      runningPod('web', 'shop-5f6-q', 'shop:1', DIGEST, { kind: 'ReplicaSet', name: 'shop-5f6' }),
    );
    const recorder = await start();
    expect(recorder.graph!.ancestors(`${P}/pod/web/shop-5f6-q`)).toEqual([
      `${P}/replicaset/web/shop-5f6`,
      `${P}/namespace/web`,
      `${P}/kube-context/fake`,
    ]);
  });

  it('fake API server: a pod still pulling is shown waiting, with its tag and no digest', async () => {
    fake.add(
      'pods',
      pod({ namespace: 'web', name: 'new', containers: [{ name: 'app', image: 'ghcr.io/acme/app:3.1' }] }),
    );
    const recorder = await start();
    const container = recorder.graph!.node(`${P}/container/web/new/app`) as ContainerNode;
    expect(container.state).toBe('waiting');
    const image = recorder.graph!.node(`${P}/image/ghcr.io/acme/app:3.1`) as ImageNode;
    expect(image.reference).toBe('ghcr.io/acme/app:3.1');
    expect(image.unresolvable).toBeUndefined();
    expect((recorder.graph!.node(`${P}/pod/web/new`) as PodNode).phase).toBe('Pending');
  });

  it("fake API server: containerd's bare sha256 image id keeps the tag only and says why", async () => {
    fake.add(
      'pods',
      pod({
        namespace: 'web',
        name: 'local',
        containers: [{ name: 'app', image: 'myapp:dev', imageID: DIGEST }],
      }),
    );
    const recorder = await start();
    const image = recorder.graph!.node(`${P}/image/docker.io/library/myapp:dev`) as ImageNode;
    expect(image.reference).toBe('docker.io/library/myapp:dev');
    expect(image.unresolvable).toMatch(/not a repository digest.*only the tag is tracked/);
  });
});
