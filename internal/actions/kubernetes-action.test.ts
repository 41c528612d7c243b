// Goldens of each owner kind, and the real kubectl (when installed) applying what they say to
// manifests of those kinds: `set image --local` with the generated container=image word,
// `patch --local` with the strategic-merge patch, `kustomize` with the images entry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ContainerRole, WorkloadKind, WorkloadNode } from '../graph/types.js';
import { onPath } from '../../test/peers/run-tool.js';
import { kubernetesAction } from './kubernetes-action.js';
import type { KubernetesPlace } from './places.js';
import { fakeTools } from './testing/fake-tools.js';
import type { UpdateTarget } from './types.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const target: UpdateTarget = { bump: 'minor', tag: '1.26', digest: NEW };
const P = 'kubernetes:prod';

function workload(kind: WorkloadKind, name: string, labels?: Record<string, string>): WorkloadNode {
  return {
    id: `${P}/${kind}/shop/${name}`,
    kind,
    platform: P,
    name,
    namespace: 'shop',
    ...(labels && { labels }),
  };
}

function place(
  owners: WorkloadNode[],
  options: { image?: string; role?: ContainerRole; container?: string } = {},
): KubernetesPlace {
  return {
    kind: 'kubernetes',
    platform: P,
    image: { id: 'i', kind: 'image', platform: P, name: options.image ?? 'nginx:1.25' },
    container: {
      id: 'c',
      kind: 'container',
      platform: P,
      name: options.container ?? 'web',
      role: options.role ?? 'container',
      state: 'running',
    },
    pod: {
      id: `${P}/pod/shop/web-1`,
      kind: 'pod',
      platform: P,
      name: 'web-1',
      namespace: 'shop',
      phase: 'Running',
    },
    owners,
    namespace: 'shop',
    context: 'prod',
  };
}

const deployment = [workload('replicaset', 'web-7d4b9'), workload('deployment', 'web')];

describe('kubernetesAction', () => {
  it('sets the image on the top owner, with a kustomize entry and a patch (golden)', () => {
    const action = kubernetesAction(place(deployment), target);
    expect(action).toEqual({
      kind: 'kubernetes',
      platform: P,
      place: ['prod', 'shop', 'deployment/web', 'web'],
      context: 'prod',
      namespace: 'shop',
      owner: { kind: 'Deployment', name: 'web' },
      container: 'web',
      role: 'container',
      managedBy: null,
      image: 'nginx:1.26',
      notes: [],
      commands: ['kubectl --context prod -n shop set image deployment/web web=nginx:1.26'],
      kustomize: 'images:\n  - name: nginx\n    newTag: "1.26"\n',
      patch: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: nginx:1.26',
        '',
      ].join('\n'),
    });
  });

  it('says first that Helm or Argo CD owns the workload', () => {
    const helm = kubernetesAction(
      place([
        workload('replicaset', 'web-1'),
        workload('deployment', 'web', {
          'app.kubernetes.io/managed-by': 'Helm',
          'helm.sh/chart': 'web-2.1.0',
        }),
      ]),
      target,
    );
    expect(helm.managedBy).toEqual({ tool: 'helm', detail: 'chart web-2.1.0' });
    expect(helm.notes[0]).toMatch(
      /^Installed by Helm \(chart web-2\.1\.0\): change the image in the release's values/,
    );
    expect(helm.commands).toHaveLength(1);
  });

  it('keeps a digest pin, and pins the digest of a digest update', () => {
    const pinned = kubernetesAction(place(deployment, { image: `nginx:1.25@${OLD}` }), target);
    expect(pinned.image).toBe(`nginx:1.26@${NEW}`);
    expect(pinned.kustomize).toBe(`images:\n  - name: nginx\n    newTag: "1.26"\n    digest: ${NEW}\n`);
    const digest = kubernetesAction(place(deployment), { bump: 'digest', tag: '1.25', digest: NEW });
    expect(digest.image).toBe(`nginx:1.25@${NEW}`);
    expect(digest.notes[0]).toMatch(/pins its new digest/);
    const unknown = kubernetesAction(place(deployment, { image: `nginx:1.25@${OLD}` }), {
      ...target,
      digest: null,
    });
    expect(unknown.commands).toEqual([]);
  });

  it('answers each owner kind as Kubernetes allows', () => {
    const job = kubernetesAction(place([workload('job', 'migrate')]), target);
    expect(job.commands).toEqual([]);
    expect(job.notes[0]).toMatch(/spec\.template is immutable/);
    expect(job.patch).toContain('kind: Job');
    const cron = kubernetesAction(
      place([workload('job', 'nightly-123'), workload('cronjob', 'nightly')]),
      target,
    );
    expect(cron.commands).toEqual([
      'kubectl --context prod -n shop set image cronjob/nightly web=nginx:1.26',
    ]);
    expect(cron.patch).toContain('jobTemplate:');
    const bare = kubernetesAction(place([]), target);
    expect(bare.commands).toEqual(['kubectl --context prod -n shop set image pod/web-1 web=nginx:1.26']);
    const rs = kubernetesAction(place([workload('replicaset', 'web-7d4b9')]), target);
    expect(rs.notes[0]).toMatch(/does not replace its running pods/);
    const ephemeral = kubernetesAction(
      place(deployment, { role: 'ephemeral', container: 'debugger' }),
      target,
    );
    expect(ephemeral).toMatchObject({ commands: [], kustomize: null, patch: null, image: null });
    const init = kubernetesAction(place(deployment, { role: 'init', container: 'migrate' }), target);
    expect(init.patch).toContain('initContainers:');
    expect(init.commands).toEqual([
      'kubectl --context prod -n shop set image deployment/web migrate=nginx:1.26',
    ]);
  });

  describe('hostile names', () => {
    const tools = fakeTools();
    afterAll(() => tools.remove());
    it('reach kubectl as the words they are, and run nothing', () => {
      const hostile = {
        ...place(deployment, { container: "web'; touch pwned; echo '" }),
        context: 'prod$(touch pwned)',
        namespace: 'a\nb',
      };
      const [command] = kubernetesAction(hostile, target).commands;
      const { calls, status } = tools.run(command!);
      expect(status).toBe(0);
      expect(calls).toEqual([
        [
          'kubectl',
          '--context',
          'prod$(touch pwned)',
          '-n',
          'a\nb',
          'set',
          'image',
          'deployment/web',
          "web'; touch pwned; echo '=nginx:1.26",
        ],
      ]);
      expect(tools.run('ls').status).toBe(0);
      expect(execFileSync('ls', [tools.dir], { encoding: 'utf8' })).not.toContain('pwned');
      // The YAML stays YAML: the hostile name is one string value.
      const patch = parse(kubernetesAction(hostile, target).patch!) as { metadata: { namespace: string } };
      expect(patch.metadata.namespace).toBe('a\nb');
    });
  });
});

const kubectl = onPath('kubectl')
  ? null
  : 'kubectl is not installed (apt-get install kubectl, or any kubectl on PATH)';

describe.skipIf(kubectl !== null)(
  `kubernetesAction through the real kubectl (skipped: ${kubectl ?? 'n/a'})`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'cupdate-kubectl-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const podSpec = {
      initContainers: [{ name: 'migrate', image: 'nginx:1.25' }],
      containers: [{ name: 'web', image: 'nginx:1.25' }],
    };
    const manifests: Record<string, object> = {
      Deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
        },
      },
      CronJob: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: podSpec } } } },
      },
      Pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: podSpec },
    };
    const owners: Record<string, WorkloadNode[]> = {
      Deployment: [workload('deployment', 'web')],
      CronJob: [workload('cronjob', 'web')],
      Pod: [],
    };

    /** `name=image` of every container, init and regular, in name order. */
    const images = (manifest: unknown): string[] => {
      const found: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        const { name, image } = value as { name?: unknown; image?: unknown };
        if (typeof name === 'string' && typeof image === 'string') found.push(`${name}=${image}`);
        Object.values(value).forEach(walk);
      };
      walk(manifest);
      return found.sort();
    };

    for (const kind of Object.keys(manifests)) {
      for (const role of ['container', 'init'] as const) {
        it(`${kind}, ${role} container: set image, the patch and the kustomize entry change only that image`, () => {
          const file = join(dir, `${kind}-${role}.yaml`);
          writeFileSync(file, stringify(manifests[kind]));
          const action = kubernetesAction(
            place(owners[kind]!, { role, container: role === 'init' ? 'migrate' : 'web' }),
            target,
          );
          const expected =
            role === 'init'
              ? ['migrate=nginx:1.26', 'web=nginx:1.25']
              : ['migrate=nginx:1.25', 'web=nginx:1.26'];
          const word = action.commands[0]!.split(' ').at(-1)!;
          const set = JSON.parse(
            execFileSync('kubectl', ['set', 'image', '--local', '-f', file, word, '-o', 'json'], {
              encoding: 'utf8',
            }),
          );
          expect(images(set)).toEqual(expected);
          const patchFile = join(dir, `${kind}-${role}.patch.yaml`);
          writeFileSync(patchFile, action.patch!);
          const patched = JSON.parse(
            execFileSync(
              'kubectl',
              [
                'patch',
                '--local',
                '-f',
                file,
                '--type',
                'strategic',
                '--patch-file',
                patchFile,
                '-o',
                'json',
              ],
              { encoding: 'utf8' },
            ),
          );
          expect(images(patched)).toEqual(expected);
          const kustomization = join(dir, `k-${kind}-${role}`);
          execFileSync('mkdir', ['-p', kustomization]);
          writeFileSync(join(kustomization, 'app.yaml'), stringify(manifests[kind]));
          writeFileSync(
            join(kustomization, 'kustomization.yaml'),
            `resources: [app.yaml]\n${action.kustomize}`,
          );
          const built = parse(execFileSync('kubectl', ['kustomize', kustomization], { encoding: 'utf8' }));
          // kustomize rewrites every container of that image name: both were nginx:1.25.
          expect(images(built)).toEqual(['migrate=nginx:1.26', 'web=nginx:1.26']);
        });
      }
    }
  },
);
