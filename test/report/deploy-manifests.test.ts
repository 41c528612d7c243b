// The in-cluster manifests (deploy/) and the Dockerfile: no cluster or image build can run here, so
// this checks what can be: every YAML parses with client-node, kustomize renders the set, the
// ClusterRole only reads (and never secrets), and the pod runs locked down.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  loadAllYaml,
  type V1ClusterRole,
  type V1Deployment,
  type V1NetworkPolicy,
} from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DEPLOY = join(ROOT, 'deploy');
const KUBECTL = '/usr/bin/kubectl';

interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

let manifests: Manifest[];
const find = <T>(kind: string): T => {
  const found = manifests.find((manifest) => manifest.kind === kind);
  if (found === undefined) throw new Error(`deploy/ has no ${kind}`);
  return found as T;
};

beforeAll(async () => {
  const files = (await readdir(DEPLOY)).filter(
    (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
  );
  manifests = [];
  for (const file of files)
    manifests.push(...(loadAllYaml(await readFile(join(DEPLOY, file), 'utf8')) as Manifest[]));
});

describe('deploy/', () => {
  it('holds the namespace, service account, read-only role and binding, kubeconfig, volume claim, deployment, service and network policy', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'Namespace',
      'NetworkPolicy',
      'PersistentVolumeClaim',
      'Service',
      'ServiceAccount',
    ]);
    // The access token is a Secret created by hand: a token in the repository would be everyone's.
    expect(manifests.map((m) => m.kind)).not.toContain('Secret');
    for (const manifest of manifests.filter((m) => !m.kind.startsWith('Cluster') && m.kind !== 'Namespace'))
      expect(manifest.metadata?.namespace, manifest.kind).toBe('cupdate');
  });

  it('lists every manifest file in kustomization.yaml', async () => {
    const kustomization = loadAllYaml(await readFile(join(DEPLOY, 'kustomization.yaml'), 'utf8'))[0] as {
      resources: string[];
    };
    const files = (await readdir(DEPLOY)).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('grants only get, list and watch on the workload kinds, nodes and namespaces: no secrets, no writes', () => {
    const role = find<V1ClusterRole>('ClusterRole');
    const granted = (role.rules ?? []).flatMap((rule) =>
      (rule.apiGroups ?? []).flatMap((group) =>
        (rule.resources ?? []).map((resource) => `${group}/${resource}`),
      ),
    );
    expect(granted.sort()).toEqual([
      '/namespaces',
      '/nodes',
      '/pods',
      'apps/daemonsets',
      'apps/deployments',
      'apps/replicasets',
      'apps/statefulsets',
      'batch/cronjobs',
      'batch/jobs',
    ]);
    for (const rule of role.rules ?? []) {
      expect([...(rule.verbs ?? [])].sort()).toEqual(['get', 'list', 'watch']);
      expect(rule.resourceNames ?? [], 'no named resources').toEqual([]);
      expect(rule.nonResourceURLs ?? [], 'no non-resource URLs').toEqual([]);
    }
    expect(JSON.stringify(role)).not.toMatch(/secrets|\*/);
  });

  it('runs the pod non-root, read-only, without privilege escalation or capabilities, with seccomp, limits and HTTP probes', () => {
    const deployment = find<V1Deployment>('Deployment');
    const pod = deployment.spec?.template.spec;
    expect(pod?.serviceAccountName).toBe('cupdate');
    expect(pod?.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod?.securityContext?.runAsUser).toBeGreaterThan(0);
    const [container, ...others] = pod?.containers ?? [];
    expect(others).toEqual([]);
    expect(container?.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container?.resources?.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container?.resources?.limits?.memory).toBeDefined();
    for (const probe of [container?.livenessProbe, container?.readinessProbe])
      expect(probe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    // SQLite has one writer: never two pods on the volume at once.
    expect(deployment.spec?.strategy?.type).toBe('Recreate');
    expect(container?.args).toEqual(expect.arrayContaining(['serve', '--data-dir', '/data']));
    const mounts = Object.fromEntries((container?.volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
    expect(mounts['/data']).toBe('data');
    const data = pod?.volumes?.find((volume) => volume.name === 'data');
    expect(data?.persistentVolumeClaim?.claimName).toBe(
      find<Manifest>('PersistentVolumeClaim').metadata?.name,
    );
  });

  it('requires the access token from the Secret, readable by the pod group only', () => {
    const pod = find<V1Deployment>('Deployment').spec?.template.spec;
    const container = pod?.containers[0];
    const args = container?.args ?? [];
    const tokenFile = args[args.indexOf('--token-file') + 1] ?? '';
    expect(args).toContain('--token-file');
    const mount = container?.volumeMounts?.find((m) => tokenFile.startsWith(`${m.mountPath}/`));
    const volume = pod?.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.secret).toEqual({ secretName: 'cupdate-token', defaultMode: 0o440 });
    expect(pod?.securityContext?.fsGroup).toBe(pod?.securityContext?.runAsGroup);
    expect(mount?.readOnly).toBe(true);
  });

  it('lets no pod connect to cupdate, and keeps it from the cloud metadata endpoint', () => {
    const policy = find<V1NetworkPolicy>('NetworkPolicy');
    const pod = find<V1Deployment>('Deployment').spec?.template.metadata?.labels;
    expect(policy.spec?.podSelector.matchLabels).toEqual(pod);
    expect(policy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec?.ingress).toEqual([]);
    const blocks = (policy.spec?.egress ?? []).flatMap((rule) => rule.to ?? []).map((peer) => peer.ipBlock);
    expect(blocks.find((block) => block?.cidr === '0.0.0.0/0')?.except).toEqual(['169.254.169.254/32']);
  });

  it('exposes the pod through a ClusterIP service only', () => {
    expect(find<{ spec: { type: string } }>('Service').spec.type).toBe('ClusterIP');
  });

  it.skipIf(!existsSync(KUBECTL))(`renders with kustomize (skipped without ${KUBECTL})`, async () => {
    const { stdout } = await promisify(execFile)(KUBECTL, ['kustomize', DEPLOY]);
    const rendered = loadAllYaml(stdout) as Manifest[];
    expect(rendered).toHaveLength(manifests.length);
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim in stages with the migrations and renderer, runs as a numeric non-root user, and starts serve on /data', async () => {
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    // The bundle finds the store's migrations and the renderer beside it (checked by running the bundle by hand).
    expect(dockerfile).toMatch(/cp -r internal\/store\/migrations out\/server\/migrations/);
    expect(dockerfile).toMatch(/COPY --from=build \/src\/renderer\/dist \.\/renderer\/dist/);
    const user = /^USER (\d+)(?::\d+)?$/m.exec(dockerfile);
    expect(Number(user?.[1])).toBeGreaterThan(0);
    const cmd = /^CMD (.+)$/m.exec(dockerfile)?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual([
      'node',
      'out/server/cli.js',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '8080',
      '--data-dir',
      '/data',
    ]);
  });

  it('keeps dependencies, outputs and credentials out of the build context', async () => {
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', '.git', '.artifacts', '.env', '**/.npmrc']),
    );
  });
});
