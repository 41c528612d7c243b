// Kube contexts as a platform kind (internal/platform/platform.ts): the contexts of the merged
// kubeconfig (kubeconfig.ts), named by their name, each built into a KubernetesPlatform.
// @kubernetes/client-node costs ~0.7 s and ~60 MB to load, so it is loaded only when a kubeconfig
// file exists (discover) or a context is built (build): `scan --list` and a serve that watches no
// context never load it.
import { existsSync } from 'node:fs';
import type { KubeContextView } from '../../api/contract.js';
import type { PlatformId } from '../../graph/types.js';
import type { DiscoveryPlace, PlatformDescriptor } from '../platform.js';
import { PlatformChoiceError } from '../platform.js';
import type { ContextInfo, MergedKubeconfig } from './kubeconfig.js';
import { kubeconfigPaths } from './kubeconfig-paths.js';

export interface KubernetesFound {
  /** The files kubectl would read, in order, whether they exist or not. */
  readonly paths: readonly string[];
  /** Null when none of them exists (nothing was loaded). */
  readonly kubeconfig: MergedKubeconfig | null;
  readonly contexts: readonly ContextInfo[];
}

/** The platform id of a context: the one place the `kubernetes:<context>` scheme is spelled. */
export function kubernetesPlatformId(context: string): PlatformId {
  return `kubernetes:${context}`;
}

async function discover(place: DiscoveryPlace, warn: (message: string) => void): Promise<KubernetesFound> {
  const paths = kubeconfigPaths(place.env, place.homeDir);
  if (!paths.some((path) => existsSync(path))) return { paths, kubeconfig: null, contexts: [] };
  const { listContexts, loadKubeconfig } = await import('./kubeconfig.js');
  const kubeconfig = loadKubeconfig(paths);
  for (const problem of kubeconfig.fileErrors) warn(`kubernetes: ${problem.message}`);
  return { paths, kubeconfig, contexts: listContexts(kubeconfig) };
}

function contextView(
  context: ContextInfo,
  watched: boolean,
  addedNamespaces: readonly string[],
): KubeContextView {
  return {
    name: context.name,
    cluster: context.cluster,
    server: context.server ?? null,
    namespace: context.namespace ?? null,
    current: context.current,
    error: context.error ?? null,
    watched,
    addedNamespaces,
    platformId: kubernetesPlatformId(context.name),
  };
}

function fileView(found: KubernetesFound, path: string): { path: string; error: string | null } {
  const problem = found.kubeconfig?.fileErrors.find((error) => error.input === path);
  const read = found.kubeconfig?.files.includes(path) === true;
  return { path, error: problem?.message ?? (read ? null : 'not found') };
}

export const kubernetesDescriptor: PlatformDescriptor<KubernetesFound> = {
  type: 'kubernetes',
  selectionKey: 'kubeContexts',
  option: '--kube-context',
  discover,
  defaults: (found) =>
    found.contexts
      .filter((context) => context.current && context.error === undefined)
      .map(({ name }) => name),
  every(found, warn) {
    for (const context of found.contexts) {
      if (context.error !== undefined) warn(`kubernetes: context ${context.name} skipped: ${context.error}`);
    }
    return found.contexts.filter((context) => context.error === undefined).map(({ name }) => name);
  },
  async build(found, name, settings) {
    const context = found.contexts.find((candidate) => candidate.name === name);
    if (found.kubeconfig === null || context === undefined) {
      const known = found.contexts.map((candidate) => candidate.name).join(', ') || 'none';
      throw new PlatformChoiceError(name, `is not a context of the kubeconfig (it has: ${known})`);
    }
    if (context.error !== undefined) throw new PlatformChoiceError(name, `cannot be used: ${context.error}`);
    const { KubernetesPlatform } = await import('./kubernetes-platform.js');
    return new KubernetesPlatform({
      kubeconfig: found.kubeconfig,
      context: name,
      namespaces: settings.kubeNamespaces?.[name] ?? [],
    });
  },
  describe(found, running) {
    const watched = running.selection.kubeContexts;
    return {
      kubeContexts: found.contexts.map((context) =>
        contextView(
          context,
          watched.includes(context.name),
          running.settings.kubeNamespaces?.[context.name] ?? [],
        ),
      ),
      kubeconfigFiles: found.paths.map((path) => fileView(found, path)),
    };
  },
};
