// Namespace-scoped access against the fake API server's RBAC (403 outside the bindings, the
// authorization API answering from them): only namespaced access, mixed access with an owner chain
// that stops with a note, access granted and revoked later, and clusters where the review API
// itself is forbidden or cannot enumerate rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PodNode, WorkloadNode } from '../../internal/graph/types.js';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import { FakeKubeApiServer, NAMESPACED } from '../fakes/fake-kube-apiserver.js';
import { kubeNode, runningPod, startPlatform, workload, writeKubeconfig } from './kube-fixtures.js';
import type { PlatformRecorder } from './kube-fixtures.js';

const P = 'kubernetes:team';
const DIGEST = `sha256:${'d'.repeat(64)}`;

function onNode(pod: Record<string, unknown>): Record<string, unknown> {
  return { ...pod, spec: { ...(pod['spec'] as object), nodeName: 'node-1' } };
}

describe('namespace-scoped kubernetes access (fake API server with RBAC)', () => {
  let fake: FakeKubeApiServer;
  let dir: string;
  const platforms: KubernetesPlatform[] = [];

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start();
    dir = mkdtempSync(join(tmpdir(), 'kube-access-'));
    // A deployment in each of three namespaces, one pod each, on an arm64 node.
    fake.add('nodes', kubeNode('node-1', 'arm64'));
    for (const ns of ['shop', 'jobs', 'other']) {
      fake.add('deployments', workload(ns, 'web'));
      fake.add('replicasets', workload(ns, 'web-1', { kind: 'Deployment', name: 'web' }));
      fake.add(
        'pods',
        onNode(runningPod(ns, 'web-1-a', 'nginx:1.27', DIGEST, { kind: 'ReplicaSet', name: 'web-1' })),
      );
    }
  });

  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((platform) => platform.stop()));
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Context `team` whose kubeconfig namespace is `shop`; the user added `jobs` in the app. */
  async function start(
    options: { namespaces?: string[]; accessRecheckMs?: number } = {},
  ): Promise<PlatformRecorder> {
    const path = writeKubeconfig(join(dir, 'config'), {
      clusters: [fake.clusterEntry('c')],
      users: [{ name: 'me', user: { token: 't' } }],
      contexts: [{ name: 'team', context: { cluster: 'c', user: 'me', namespace: 'shop' } }],
    });
    const { platform, recorder } = await startPlatform(loadKubeconfig([path]), 'team', {
      namespaces: options.namespaces ?? ['jobs'],
      ...(options.accessRecheckMs === undefined ? {} : { accessRecheckMs: options.accessRecheckMs }),
    });
    platforms.push(platform);
    return recorder;
  }

  it('only namespaced access: watches shop and jobs, shows their pods, says what is not allowed', async () => {
    fake.rbac = { namespaces: { shop: NAMESPACED, jobs: NAMESPACED } };
    const recorder = await start();
    expect(recorder.status).toEqual({
      state: 'live',
      access: {
        complete: false,
        summary:
          'You may list pods, replicasets, deployments, statefulsets, daemonsets, jobs, and cronjobs in shop and jobs; not cluster-wide. Not allowed: nodes.',
        kinds: [
          ...NAMESPACED.map((kind) => ({ kind, watched: ['shop', 'jobs'], notAllowed: [] })),
          { kind: 'nodes', watched: [], notAllowed: [] },
        ],
      },
    });
    const graph = recorder.graph!;
    expect(graph.has(`${P}/pod/shop/web-1-a`)).toBe(true);
    expect(graph.has(`${P}/pod/jobs/web-1-a`)).toBe(true);
    expect(graph.has(`${P}/pod/other/web-1-a`)).toBe(false);
    expect(graph.ancestors(`${P}/pod/shop/web-1-a`)).toEqual([
      `${P}/replicaset/shop/web-1`,
      `${P}/deployment/shop/web`,
      `${P}/namespace/shop`,
      `${P}/kube-context/team`,
    ]);
    // Nodes may not be read: the image has no platform to pick a manifest with.
    expect(graph.has(`${P}/image/docker.io/library/nginx:1.27@${DIGEST}`)).toBe(true);
    // One watch per kind and namespace, none cluster-wide, and no list was refused.
    await recorder.until('watches open', () => fake.openWatches === 2 * NAMESPACED.length);
    expect(fake.watches('pods', 'shop')).toBe(1);
    expect(fake.watches('pods', 'jobs')).toBe(1);
    expect(fake.watches('pods')).toBe(0);
    expect(fake.requests('nodes', 'list')).toBe(0);
    expect(fake.reviews('selfsubjectrulesreviews')).toBe(2);

    fake.add(
      'pods',
      runningPod('jobs', 'web-1-b', 'nginx:1.27', DIGEST, { kind: 'ReplicaSet', name: 'web-1' }),
    );
    fake.add(
      'pods',
      runningPod('other', 'web-1-b', 'nginx:1.27', DIGEST, { kind: 'ReplicaSet', name: 'web-1' }),
    );
    await recorder.until('the new pod in jobs', () => recorder.graph!.has(`${P}/pod/jobs/web-1-b`));
    expect(recorder.graph!.has(`${P}/pod/other/web-1-b`)).toBe(false);
  });

  it('mixed: pods and replicasets yes, deployments no — the chain stops at the replicaset with a note', async () => {
    fake.rbac = { namespaces: { shop: ['pods', 'replicasets', 'jobs'] } };
    const recorder = await start({ namespaces: [] });
    expect(recorder.status).toMatchObject({
      state: 'live',
      access: {
        summary:
          'You may list pods, replicasets, and jobs in shop; not cluster-wide. Not allowed: deployments, statefulsets, daemonsets, cronjobs, and nodes.',
      },
    });
    const replicaset = recorder.graph!.node(`${P}/replicaset/shop/web-1`) as WorkloadNode;
    expect(replicaset.ownerNote).toBe(
      'owned by Deployment "web", which is not shown: this context may not list deployments in namespace "shop"',
    );
    expect(recorder.graph!.parentsOf(replicaset.id)).toEqual([`${P}/namespace/shop`]);
    expect(recorder.graph!.has(`${P}/deployment/shop/web`)).toBe(false);
    expect(fake.requests('deployments', 'list')).toBe(0);
  });

  it('mixed: replicasets not allowed — the note is on the pod', async () => {
    fake.rbac = { namespaces: { shop: ['pods'] } };
    const recorder = await start({ namespaces: [] });
    const pod = recorder.graph!.node(`${P}/pod/shop/web-1-a`) as PodNode;
    expect(pod.ownerNote).toBe(
      'owned by ReplicaSet "web-1", which is not shown: this context may not list replicasets in namespace "shop"',
    );
    expect(recorder.graph!.parentsOf(pod.id)).toEqual([`${P}/namespace/shop`]);
  });

  it('access granted later: a re-check switches to cluster-wide watches and the other namespace appears', async () => {
    fake.rbac = { namespaces: { shop: NAMESPACED } };
    const recorder = await start({ namespaces: [], accessRecheckMs: 100 });
    expect(recorder.graph!.has(`${P}/pod/other/web-1-a`)).toBe(false);
    const patchesBefore = recorder.count('patch');

    fake.rbac = undefined; // cluster-admin now
    await recorder.until(
      'pods of every namespace',
      () => recorder.graph!.has(`${P}/pod/other/web-1-a`) && recorder.access?.complete === true,
    );
    // Never `connecting` again: the graph shown stays valid while the new scopes are listed.
    const states = recorder.statuses.map((status) => status.state);
    expect(states.slice(states.indexOf('live'))).not.toContain('connecting');
    expect(recorder.status).toMatchObject({
      state: 'live',
      access: { summary: 'Everything is watched cluster-wide.' },
    });
    await recorder.until(
      'one cluster-wide watch instead of the namespaced one',
      () => fake.watches('pods', 'shop') === 0 && fake.watches('pods') === 1,
    );
    // The pod already shown in shop was never removed and re-added on the way.
    const patches = recorder.events
      .slice(patchesBefore)
      .flatMap((event) => (event.type === 'patch' ? event.patches : []));
    expect(patches).not.toContainEqual({ op: 'remove-node', id: `${P}/pod/shop/web-1-a` });
    // Nodes are readable now: the image gets its node's platform.
    await recorder.until('the image on its node platform', () =>
      recorder.graph!.has(`${P}/image/docker.io/library/nginx:1.27@${DIGEST}?platform=linux/arm64`),
    );
    expect(recorder.graph!.has(`${P}/image/docker.io/library/nginx:1.27@${DIGEST}`)).toBe(false);
    expect(recorder.count('graph')).toBe(1);
  });

  it('access revoked later: a re-check drops the namespace that may no longer be read', async () => {
    fake.rbac = { namespaces: { shop: NAMESPACED, jobs: NAMESPACED } };
    const recorder = await start({ accessRecheckMs: 100 });
    expect(recorder.graph!.has(`${P}/pod/jobs/web-1-a`)).toBe(true);
    fake.rbac = { namespaces: { shop: NAMESPACED } };
    await recorder.until('jobs gone', () => !recorder.graph!.has(`${P}/pod/jobs/web-1-a`));
    expect(recorder.graph!.has(`${P}/namespace/jobs`)).toBe(false);
    expect(recorder.graph!.has(`${P}/pod/shop/web-1-a`)).toBe(true);
    expect(recorder.access?.kinds[0]).toEqual({ kind: 'pods', watched: ['shop'], notAllowed: ['jobs'] });
  });

  it('the review API forbidden: access is found by listing, and the result is the same', async () => {
    fake.rbac = { namespaces: { shop: NAMESPACED }, reviews: 'forbidden' };
    const recorder = await start({ namespaces: [] });
    expect(recorder.status).toMatchObject({ state: 'live', access: { complete: false } });
    expect(recorder.graph!.has(`${P}/pod/shop/web-1-a`)).toBe(true);
    expect(recorder.graph!.has(`${P}/pod/other/web-1-a`)).toBe(false);
    await recorder.until('watch in shop', () => fake.watches('pods', 'shop') === 1);
    expect(fake.reviews('selfsubjectaccessreviews')).toBe(1);
  });

  it('incomplete rules (a webhook authorizer): each kind is asked with an access review in the namespace', async () => {
    fake.rbac = { namespaces: { shop: ['pods', 'replicasets'] }, rulesIncomplete: true };
    const recorder = await start({ namespaces: [] });
    expect(recorder.access?.kinds.filter((kind) => kind.watched.length > 0).map((kind) => kind.kind)).toEqual(
      ['pods', 'replicasets'],
    );
    // 16 cluster-wide reviews, then list and watch for each of the 7 namespaced kinds in shop.
    expect(fake.reviews('selfsubjectaccessreviews')).toBe(16 + 14);
  });

  it('a list refused although the reviews allowed it: the scope is dropped and access checked again at once', async () => {
    fake.rbac = { namespaces: { shop: NAMESPACED }, reviewsAllowEverything: true };
    // The periodic re-check is far away: only the refusal can bring the namespaced watches.
    const recorder = await start({ namespaces: [], accessRecheckMs: 600_000 });
    await recorder.until('pods in shop', () => recorder.graph?.has(`${P}/pod/shop/web-1-a`) === true);
    expect(recorder.graph!.has(`${P}/pod/other/web-1-a`)).toBe(false);
    await recorder.until('live', () => recorder.status?.state === 'live');
    expect(recorder.access?.kinds.find((kind) => kind.kind === 'pods')).toEqual({
      kind: 'pods',
      watched: ['shop'],
      notAllowed: [],
    });
    // Refused cluster-wide once per kind, then never asked cluster-wide again until the next check.
    expect(fake.requests('pods', 'list')).toBe(2);
  });

  it('nothing allowed anywhere: the context fails and says what to ask for', async () => {
    fake.rbac = { namespaces: {} };
    const recorder = await start({ namespaces: [] });
    expect(recorder.status).toMatchObject({
      state: 'failed',
      reason:
        'context "team" may not list what Cupdate reads in shop nor cluster-wide; ask for list and watch on pods there, or add a namespace you may read',
    });
    expect(recorder.count('graph')).toBe(0);
  });
});
