// Builders for the Kubernetes objects and kubeconfig files the kubernetes tests and bench use, in
// the shapes of the Kubernetes API reference (Pod, ReplicaSet, …, Node), and a recorder that
// applies a platform's events to a Graph the way the core does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dump } from 'js-yaml';
import { Graph } from '../../internal/graph/graph.js';
import type { PlatformAccess, PlatformEvent, PlatformStatus } from '../../internal/platform/platform.js';
import { loadKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import type { MergedKubeconfig } from '../../internal/platform/kubernetes/kubeconfig.js';
import { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import type { KubernetesPlatformOptions } from '../../internal/platform/kubernetes/kubernetes-platform.js';

type Json = Record<string, unknown>;

export interface OwnerSpec {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion?: string;
}

function ownerReferences(owner: OwnerSpec | undefined): Json {
  if (owner === undefined) return {};
  const apiVersion = owner.apiVersion ?? (['Job', 'CronJob'].includes(owner.kind) ? 'batch/v1' : 'apps/v1');
  return {
    ownerReferences: [
      { apiVersion, kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true },
    ],
  };
}

export function workload(
  namespace: string,
  name: string,
  owner?: OwnerSpec,
  labels?: Record<string, string>,
): Json {
  return {
    metadata: { namespace, name, ...(labels === undefined ? {} : { labels }), ...ownerReferences(owner) },
    spec: {},
  };
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  /** Absent: still pulling (waiting, no imageID). */
  readonly imageID?: string;
}

export interface PodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly owner?: OwnerSpec;
  readonly nodeName?: string;
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  readonly ephemeralContainers?: readonly ContainerSpec[];
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

function statusOf(container: ContainerSpec, terminated: boolean): Json {
  if (container.imageID === undefined) {
    return {
      name: container.name,
      image: container.image,
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
    };
  }
  const state = terminated
    ? { terminated: { exitCode: 0, reason: 'Completed' } }
    : { running: { startedAt: '2026-11-27T00:00:00Z' } };
  return {
    name: container.name,
    image: container.image,
    imageID: container.imageID,
    ready: !terminated,
    restartCount: 0,
    state,
  };
}

export function pod(spec: PodSpec): Json {
  const specs = (list: readonly ContainerSpec[] | undefined) =>
    (list ?? []).map(({ name, image }) => ({ name, image }));
  const pulling = [...spec.containers, ...(spec.initContainers ?? [])].some(
    (container) => container.imageID === undefined,
  );
  return {
    metadata: {
      namespace: spec.namespace,
      name: spec.name,
      ...(spec.labels === undefined ? {} : { labels: spec.labels }),
      ...(spec.annotations === undefined ? {} : { annotations: spec.annotations }),
      ...ownerReferences(spec.owner),
    },
    spec: {
      ...(spec.nodeName === undefined ? {} : { nodeName: spec.nodeName }),
      containers: specs(spec.containers),
      ...(spec.initContainers === undefined ? {} : { initContainers: specs(spec.initContainers) }),
      ...(spec.ephemeralContainers === undefined
        ? {}
        : { ephemeralContainers: specs(spec.ephemeralContainers) }),
    },
    status: {
      phase: pulling ? 'Pending' : 'Running',
      containerStatuses: spec.containers.map((container) => statusOf(container, false)),
      initContainerStatuses: (spec.initContainers ?? []).map((container) => statusOf(container, true)),
      ephemeralContainerStatuses: (spec.ephemeralContainers ?? []).map((container) =>
        statusOf(container, false),
      ),
    },
  };
}

/** A running pod with one container `main` of `image`, pulled at `digest`. */
export function runningPod(
  namespace: string,
  name: string,
  image: string,
  digest: string,
  owner?: OwnerSpec,
): Json {
  const repository = image.replace(/:[^/:]+$/, '');
  return pod({
    namespace,
    name,
    ...(owner === undefined ? {} : { owner }),
    containers: [{ name: 'main', image, imageID: `${repository}@${digest}` }],
  });
}

export function kubeNode(name: string, architecture: string, os = 'linux'): Json {
  return {
    metadata: { name, labels: { 'kubernetes.io/arch': architecture, 'kubernetes.io/os': os } },
    status: { nodeInfo: { architecture, operatingSystem: os, kubeletVersion: 'v1.31.0' } },
  };
}

export function writeKubeconfig(path: string, document: Json): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, dump({ apiVersion: 'v1', kind: 'Config', ...document }));
  return path;
}

/** Applies a platform's events to a Graph, as the core does, and lets a test wait for a state. */
export class PlatformRecorder {
  readonly events: PlatformEvent[] = [];
  readonly statuses: PlatformStatus[] = [];
  graph: Graph | undefined;

  readonly emit = (event: PlatformEvent): void => {
    this.events.push(event);
    if (event.type === 'status') this.statuses.push(event.status);
    else if (event.type === 'graph') this.graph = Graph.from(event.nodes, event.edges);
    else this.graph?.apply(event.patches);
  };

  get status(): PlatformStatus | undefined {
    return this.statuses.at(-1);
  }

  /** What the last status says the context may read. */
  get access(): PlatformAccess | undefined {
    const status = this.status;
    return status !== undefined && 'access' in status ? status.access : undefined;
  }

  count(type: PlatformEvent['type']): number {
    return this.events.filter((event) => event.type === type).length;
  }

  async until(what: string, predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.status)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** A kubeconfig file with one context `name` pointing at `server` (plain HTTP), loaded and merged. */
export function singleContextKubeconfig(dir: string, name: string, server: string): MergedKubeconfig {
  const path = writeKubeconfig(join(dir, `${name}.yaml`), {
    clusters: [{ name, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: { token: 'test-token' } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
  return loadKubeconfig([path]);
}

/** Fast retries for tests: a dropped watch or a failed list is retried within ~50 ms. */
export const FAST_RETRIES = { backoffBaseMs: 20, backoffMaxMs: 50 } as const;

/** Starts a platform for context `name` of `config` and waits for its first graph or failure. */
export async function startPlatform(
  config: MergedKubeconfig,
  name: string,
  options: Partial<KubernetesPlatformOptions> = {},
): Promise<{ platform: KubernetesPlatform; recorder: PlatformRecorder }> {
  const platform = new KubernetesPlatform({ kubeconfig: config, context: name, ...FAST_RETRIES, ...options });
  const recorder = new PlatformRecorder();
  await platform.start(recorder.emit, new AbortController().signal);
  return { platform, recorder };
}
