import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformChoiceError } from '../platform.js';
import { kubernetesDescriptor, kubernetesPlatformId } from './kubernetes-descriptor.js';

describe('kubernetesDescriptor', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-kube-kind-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const running = {
    selection: { dockerEndpoints: [], kubeContexts: ['prod'], staticLists: [] },
    status: () => undefined,
    settings: {},
  };

  it('finds nothing, and lists the file as not found, when no kubeconfig file exists', async () => {
    const found = await kubernetesDescriptor.discover({ env: {}, homeDir: dir }, () => undefined);
    expect(found).toEqual({ paths: [join(dir, '.kube', 'config')], kubeconfig: null, contexts: [] });
    expect(kubernetesDescriptor.defaults(found)).toEqual([]);
    await expect(kubernetesDescriptor.build(found, 'prod', {})).rejects.toThrow(
      new PlatformChoiceError('prod', 'is not a context of the kubeconfig (it has: none)'),
    );
    expect(kubernetesDescriptor.describe(found, running)).toEqual({
      kubeContexts: [],
      kubeconfigFiles: [{ path: join(dir, '.kube', 'config'), error: 'not found' }],
    });
  });

  it('takes the current context by default, skips broken ones with a warning, and builds by name', async () => {
    const config = join(dir, 'config');
    const missing = join(dir, 'missing');
    // JSON is YAML: kubectl reads either.
    await writeFile(
      config,
      JSON.stringify({
        clusters: [
          { name: 'c', cluster: { server: 'http://127.0.0.1:1', 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [
          { name: 'prod', context: { cluster: 'c', user: 'u', namespace: 'web' } },
          { name: 'dev', context: { cluster: 'c', user: 'u' } },
          { name: 'broken', context: { cluster: 'nowhere', user: 'u' } },
        ],
        'current-context': 'dev',
      }),
    );
    const warnings: string[] = [];
    const place = { env: { KUBECONFIG: [missing, config].join(delimiter) }, homeDir: dir };
    const found = await kubernetesDescriptor.discover(place, (message) => warnings.push(message));
    expect(kubernetesDescriptor.defaults(found)).toEqual(['dev']);
    expect(kubernetesDescriptor.every(found, (message) => warnings.push(message))).toEqual(['prod', 'dev']);
    expect(warnings).toEqual([expect.stringMatching(/^kubernetes: context broken skipped: .*nowhere/)]);

    const platform = await kubernetesDescriptor.build(found, 'prod', {});
    expect(platform).toMatchObject({ id: kubernetesPlatformId('prod'), type: 'kubernetes' });
    expect(platform.id).toBe('kubernetes:prod');
    await expect(kubernetesDescriptor.build(found, 'broken', {})).rejects.toThrow(
      /^"broken" cannot be used: .*nowhere/,
    );
    await expect(kubernetesDescriptor.build(found, 'stage', {})).rejects.toThrow(
      '"stage" is not a context of the kubeconfig (it has: prod, dev, broken)',
    );

    const view = kubernetesDescriptor.describe(found, running);
    expect(view.kubeconfigFiles).toEqual([
      { path: missing, error: 'not found' },
      { path: config, error: null },
    ]);
    expect(view.kubeContexts?.[0]).toEqual({
      name: 'prod',
      cluster: 'c',
      server: 'http://127.0.0.1:1',
      namespace: 'web',
      current: false,
      error: null,
      watched: true,
      addedNamespaces: [],
      platformId: 'kubernetes:prod',
    });
    // The namespaces the user added for a context are shown with it.
    const withNamespaces = { ...running, settings: { kubeNamespaces: { prod: ['shop', 'jobs'] } } };
    expect(kubernetesDescriptor.describe(found, withNamespaces).kubeContexts?.[0]?.addedNamespaces).toEqual([
      'shop',
      'jobs',
    ]);
    expect(view.kubeContexts?.map((context) => [context.name, context.watched, context.current])).toEqual([
      ['prod', true, false],
      ['dev', false, true],
      ['broken', false, false],
    ]);
  });

  it('warns about a kubeconfig file that cannot be parsed and still reads the others', async () => {
    const bad = join(dir, 'bad');
    await writeFile(bad, 'clusters: [unclosed\n');
    const warnings: string[] = [];
    const found = await kubernetesDescriptor.discover({ env: { KUBECONFIG: bad }, homeDir: dir }, (message) =>
      warnings.push(message),
    );
    expect(found.contexts).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(`kubernetes: ${bad}`)]);
    expect(kubernetesDescriptor.describe(found, running).kubeconfigFiles?.[0]?.error).toContain(bad);
  });
});
