// Builds the platforms of a selection and describes what can be selected. Docker endpoints are
// named by the id discovery gave them (internal/platform/docker/endpoints.ts), kube contexts by
// their name in the merged kubeconfig, static lists by path. Anything that cannot be built is an
// `invalid-params` error naming it, raised before the running platforms are touched.
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from './api-error.js';
import type { DockerEndpointView, KubeContextView, PlatformSelection } from './contract.js';
import type { StaticListPolicy } from './static-list-policy.js';
import { DockerPlatform } from '../platform/docker/docker-platform.js';
import { discoverEndpoints, type DockerEndpoint } from '../platform/docker/endpoints.js';
import {
  kubeconfigPaths,
  listContexts,
  loadKubeconfig,
  type ContextInfo,
  type MergedKubeconfig,
} from '../platform/kubernetes/kubeconfig.js';
import { KubernetesPlatform } from '../platform/kubernetes/kubernetes-platform.js';
import type { Platform } from '../platform/platform.js';
import { StaticPlatform } from '../platform/static/static-platform.js';
import { messageOf } from '../model/message-of.js';

/** Where to look: the environment and home directory (tests pass temporary ones). */
export interface DiscoveryPlace {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

export interface Found {
  readonly dockerEndpoints: readonly DockerEndpoint[];
  readonly kubeconfig: MergedKubeconfig;
  readonly kubeconfigPaths: readonly string[];
  readonly contexts: readonly ContextInfo[];
}

export async function discover(place: DiscoveryPlace): Promise<Found> {
  const dockerEndpoints = await discoverEndpoints(place.env, {
    homeDir: place.homeDir,
    os: process.platform,
  });
  const paths = kubeconfigPaths(place.env, place.homeDir);
  const kubeconfig = loadKubeconfig(paths);
  return { dockerEndpoints, kubeconfig, kubeconfigPaths: paths, contexts: listContexts(kubeconfig) };
}

export interface BuildOptions {
  /** Which static list paths may be watched (serve: only those given with --list). */
  readonly listPolicy?: StaticListPolicy | undefined;
  /** The namespaces the user added per kube context (UserSettings.kubeNamespaces). */
  readonly kubeNamespaces?: Readonly<Record<string, readonly string[]>>;
}

export async function buildPlatforms(
  selection: PlatformSelection,
  place: DiscoveryPlace,
  options: BuildOptions = {},
): Promise<Platform[]> {
  const { listPolicy, kubeNamespaces = {} } = options;
  const needsDiscovery = selection.dockerEndpoints.length > 0 || selection.kubeContexts.length > 0;
  const found = needsDiscovery ? await discover(place) : undefined;
  const lists = await Promise.all(
    selection.staticLists.map((path, index) => staticPlatform(path, index, listPolicy)),
  );
  const docker = selection.dockerEndpoints.map((id, index) => {
    const endpoint = found?.dockerEndpoints.find((candidate) => candidate.id === id);
    if (endpoint === undefined) {
      const known = found?.dockerEndpoints.map((candidate) => candidate.id).join(', ') || 'none';
      throw invalid(
        `dockerEndpoints[${index}] "${id}" is not a discovered Docker endpoint (found: ${known}); call discovery() for the list`,
      );
    }
    return new DockerPlatform({ endpoint });
  });
  const kube = selection.kubeContexts.map((name, index) => {
    const context = found?.contexts.find((candidate) => candidate.name === name);
    if (found === undefined || context === undefined) {
      const known = found?.contexts.map((candidate) => candidate.name).join(', ') || 'none';
      throw invalid(`kubeContexts[${index}] "${name}" is not a context of the kubeconfig (it has: ${known})`);
    }
    if (context.error !== undefined)
      throw invalid(`kubeContexts[${index}] "${name}" cannot be used: ${context.error}`);
    return new KubernetesPlatform({
      kubeconfig: found.kubeconfig,
      context: name,
      namespaces: kubeNamespaces[name] ?? [],
    });
  });
  return [...lists, ...docker, ...kube];
}

export function dockerEndpointView(endpoint: DockerEndpoint, connected: boolean): DockerEndpointView {
  const { id, name, source, host, exists, isDefault } = endpoint;
  return { id, name, source, host, exists, isDefault, connected };
}

export function kubeContextView(
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
  };
}

/** The platform id each kind of selected thing runs under (see each platform's constructor). */
export const platformIds = {
  docker: (endpoint: DockerEndpoint) => `docker:${endpoint.name}`,
  kube: (context: string) => `kubernetes:${context}`,
};

async function staticPlatform(
  path: string,
  index: number,
  policy: StaticListPolicy | undefined,
): Promise<Platform> {
  // Before the file is touched: a refused path is not even probed for existence.
  const refusal = policy?.refusal(resolve(path));
  if (refusal !== undefined) throw invalid(`staticLists[${index}] ${JSON.stringify(path)} ${refusal}`);
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw invalid(
      `staticLists[${index}] "${path}" cannot be read (${messageOf(cause)}); give a readable file`,
      cause,
    );
  }
  return new StaticPlatform(path);
}

function invalid(message: string, cause?: unknown): ApiError {
  return new ApiError('invalid-params', `selectPlatforms: ${message}`, { cause });
}
