// Update actions for every Kubernetes owner kind, through the App, against the fake Kubernetes API
// server (test/fakes/fake-kube-apiserver.ts: no real API server can run here) and a real registry
// holding multi-platform indexes: golden commands per kind, Helm first, init containers, a digest
// pin that keeps its style with the index digest the registry reports.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesAction } from '../../internal/actions/types.js';
import { createApp, type App } from '../../internal/app.js';
import { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import {
  FAST_RETRIES,
  pod,
  singleContextKubeconfig,
  workload,
  type OwnerSpec,
} from '../kubernetes/kube-fixtures.js';
import { pushImage, type PushedImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const unavailable = registryAvailable('none');
const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
] as const;

describe.skipIf(unavailable !== null)(
  `update actions on the fake Kubernetes API (skipped: ${unavailable ?? 'n/a'})`,
  () => {
    let registry: RegistryPeer;
    let fake: FakeKubeApiServer;
    let dir: string;
    let app: App;
    const pushed: Record<string, PushedImage> = {};
    let image: string;

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      for (const tag of ['1.0.0', '1.0.1', '1.1.0']) {
        pushed[tag] = await pushImage(registry, 'team/web', [tag], {
          format: 'oci',
          platforms: PLATFORMS,
          salt: tag,
        });
        // The same images under another name, run pinned: the graph's image node carries one spelling
        // per reference, so a pinned place is a reference of its own here.
        await pushImage(registry, 'team/api', [tag], { format: 'oci', platforms: PLATFORMS, salt: tag });
      }
      image = `${registry.host}/team/web:1.0.0`;
      const imageID = `${registry.host}/team/web@${pushed['1.0.0']!.digest}`;
      const containers = [{ name: 'web', image, imageID }];

      fake = await FakeKubeApiServer.start();
      const owned = (
        name: string,
        owner: OwnerSpec | undefined,
        extra: Partial<Parameters<typeof pod>[0]> = {},
      ) => fake.add('pods', pod({ namespace: 'shop', name, containers, ...(owner && { owner }), ...extra }));
      fake.add('deployments', workload('shop', 'web'));
      fake.add('replicasets', workload('shop', 'web-7d4b9', { kind: 'Deployment', name: 'web' }));
      for (const replica of ['a', 'b'])
        owned(
          `web-7d4b9-${replica}`,
          { kind: 'ReplicaSet', name: 'web-7d4b9' },
          {
            initContainers: [{ name: 'migrate', image, imageID }],
          },
        );
      const helm = {
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': 'web-2.1.0',
        'meta.helm.sh/release-name': 'store',
      };
      fake.add('deployments', workload('shop', 'store', undefined, helm));
      fake.add('replicasets', workload('shop', 'store-5c6d', { kind: 'Deployment', name: 'store' }));
      owned('store-5c6d-a', { kind: 'ReplicaSet', name: 'store-5c6d' });
      fake.add('statefulsets', workload('shop', 'db'));
      owned('db-0', { kind: 'StatefulSet', name: 'db' });
      fake.add('daemonsets', workload('shop', 'agent'));
      owned('agent-x1', { kind: 'DaemonSet', name: 'agent' });
      fake.add('cronjobs', workload('shop', 'nightly'));
      fake.add('jobs', workload('shop', 'nightly-290', { kind: 'CronJob', name: 'nightly' }));
      owned('nightly-290-q', { kind: 'Job', name: 'nightly-290' });
      fake.add('jobs', workload('shop', 'seed'));
      owned('seed-k', { kind: 'Job', name: 'seed' });
      owned('debug', undefined);
      fake.add('deployments', workload('shop', 'pinned'));
      fake.add('replicasets', workload('shop', 'pinned-1', { kind: 'Deployment', name: 'pinned' }));
      fake.add(
        'pods',
        pod({
          namespace: 'shop',
          name: 'pinned-1-a',
          owner: { kind: 'ReplicaSet', name: 'pinned-1' },
          containers: [
            {
              name: 'web',
              image: `${registry.host}/team/api:1.0.0@${pushed['1.0.0']!.digest}`,
              imageID: `${registry.host}/team/api@${pushed['1.0.0']!.digest}`,
            },
          ],
        }),
      );

      dir = await mkdtemp(join(tmpdir(), 'cupdate-actions-kube-'));
      const kubeconfig = singleContextKubeconfig(dir, 'prod', fake.url);
      app = createApp({
        dataDir: join(dir, 'app'),
        minimumAgeMs: 0,
        platforms: [new KubernetesPlatform({ kubeconfig, context: 'prod', ...FAST_RETRIES })],
      });
      await app.start();
      await app.settled();
    });
    afterAll(async () => {
      await app?.stop();
      await fake?.stop();
      await registry?.stop();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    const listed = () =>
      app
        .listImages({ sort: 'name', order: 'asc', limit: 10, offset: 0 })
        .items.map((item) => item.reference);
    const reference = () => listed().find((item) => item.includes('/team/web:'))!;
    const pinnedReference = () => listed().find((item) => item.includes('/team/api:'))!;
    const kube = (actions: { actions: readonly unknown[] }) => actions.actions as KubernetesAction[];

    it('fake API server: one action per top owner and container, with the golden kubectl line of each kind', async () => {
      const actions = await app.updateActions(reference(), 'minor');
      // Versions only: the check read no manifest of the candidate, and no place here pins a digest,
      // so none is asked for (a pinned place is: see the digest-pin test).
      expect(actions.target).toEqual({ bump: 'minor', tag: '1.1.0', digest: null });
      const next = `${registry.host}/team/web:1.1.0`;
      const set = (resource: string, container: string, to = next) =>
        `kubectl --context prod -n shop set image ${resource} ${container}=${to}`;
      expect(
        kube(actions).map((action) => [
          action.place.join(' / '),
          action.role,
          action.commands,
          action.managedBy?.tool ?? null,
        ]),
      ).toEqual([
        ['prod / shop / cronjob/nightly / web', 'container', [set('cronjob/nightly', 'web')], null],
        ['prod / shop / daemonset/agent / web', 'container', [set('daemonset/agent', 'web')], null],
        ['prod / shop / deployment/store / web', 'container', [set('deployment/store', 'web')], 'helm'],
        ['prod / shop / deployment/web / migrate', 'init', [set('deployment/web', 'migrate')], null],
        ['prod / shop / deployment/web / web', 'container', [set('deployment/web', 'web')], null],
        ['prod / shop / job/seed / web', 'container', [], null],
        ['prod / shop / pod/debug / web', 'container', [set('pod/debug', 'web')], null],
        ['prod / shop / statefulset/db / web', 'container', [set('statefulset/db', 'web')], null],
      ]);
      const pinned = kube(await app.updateActions(pinnedReference(), 'minor'))[0]!;
      const pinnedNext = `${registry.host}/team/api:1.1.0@${pushed['1.1.0']!.digest}`;
      expect(pinned.commands).toEqual([set('deployment/pinned', 'web', pinnedNext)]);
      expect(pinned.kustomize).toBe(
        `images:\n  - name: ${registry.host}/team/api\n    newTag: 1.1.0\n    digest: ${pushed['1.1.0']!.digest}\n`,
      );
      const store = kube(actions).find((action) => action.owner.name === 'store')!;
      expect(store.notes[0]).toBe(
        "Installed by Helm (chart web-2.1.0, release store): change the image in the release's values and run helm upgrade; a kubectl set image is undone by the next upgrade.",
      );
      const init = kube(actions).find((action) => action.role === 'init')!;
      expect(init.patch).toBe(
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: web',
          '  namespace: shop',
          'spec:',
          '  template:',
          '    spec:',
          '      initContainers:',
          '        - name: migrate',
          `          image: ${next}`,
          '',
        ].join('\n'),
      );
      expect(init.kustomize).toBe(`images:\n  - name: ${registry.host}/team/web\n    newTag: 1.1.0\n`);
    });

    it('asks the registry for the index digest when a pinned place updates to a smaller bump', async () => {
      const actions = await app.updateActions(pinnedReference(), 'patch');
      // The index digest (what a pin in a pod spec holds), not a platform manifest's.
      expect(actions.target).toEqual({ bump: 'patch', tag: '1.0.1', digest: pushed['1.0.1']!.digest });
      expect(pushed['1.0.1']!.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(kube(actions)[0]!.image).toBe(`${registry.host}/team/api:1.0.1@${pushed['1.0.1']!.digest}`);
      // Nothing pins team/web: its patch target needs no digest, and none is asked.
      expect((await app.updateActions(reference(), 'patch')).target.digest).toBeNull();
    });

    it('refuses a bump the image does not have, naming the ones it has', async () => {
      await expect(app.updateActions(reference(), 'major')).rejects.toThrow(
        /has no major update; pick one of: minor \(1\.1\.0\), patch \(1\.0\.1\)/,
      );
      await expect(app.updateActions('nginx:9', 'major')).rejects.toThrow(/runs on no platform/);
    });
  },
);
