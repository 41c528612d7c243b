// The parts of Kubernetes objects the graph needs, cut from the API's JSON as soon as it arrives so
// a cluster of 20,000 pods is held as small records, not as full objects (shapes: Kubernetes API
// reference, ObjectMeta, OwnerReference, PodSpec, PodStatus, ContainerStatus, NodeStatus). The ten
// replicas of a deployment carry equal label sets, owner references and containers: each of those
// is kept once and shared (intern-pool.ts), so only what differs (the pod's name) is per pod.
import type { ContainerRole } from '../../graph/types.js';
import { InternPool, StringPool } from './intern-pool.js';

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

export type Labels = Readonly<Record<string, string>>;

export interface ObjectSummary {
  readonly namespace: string;
  readonly name: string;
  /** Labels and annotations together, so `config.cupdate/*` annotations reach the rules. */
  readonly labels?: Labels;
  /** The controlling owner (`controller: true`, else the first owner). */
  readonly owner?: OwnerRef;
}

export interface ContainerSummary {
  readonly name: string;
  readonly role: ContainerRole;
  /** The image as the spec names it. */
  readonly image: string;
  /** `status.*ContainerStatuses[].imageID`; absent while the image is still being pulled. */
  readonly imageID?: string;
  readonly state: 'running' | 'waiting' | 'exited';
}

export interface PodSummary extends ObjectSummary {
  readonly phase: string;
  readonly nodeName?: string;
  readonly containers: readonly ContainerSummary[];
}

export interface NodePlatform {
  readonly os?: string;
  readonly architecture?: string;
}

type Json = Record<string, unknown>;

// A copy of the whole object kubectl keeps for three-way merges: large, and no rule reads it.
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
// Far more distinct values than a large cluster has; past it a pool starts over (intern-pool.ts).
const POOL_SIZE = 50_000;
// Joins parts of a pool key: no name, label or image contains it.
const SEP = '\u0000';

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function metadataOf(object: Json): Json {
  return record(object['metadata']);
}

export function resourceVersionOf(object: Json): string | undefined {
  return str(metadataOf(object)['resourceVersion']);
}

/** `metadata.namespace` ('' for cluster-scoped objects) and `metadata.name`. */
export function namespaceAndName(object: Json): [namespace: string, name: string] {
  const metadata = metadataOf(object);
  return [str(metadata['namespace']) ?? '', str(metadata['name']) ?? ''];
}

/** Cuts objects into summaries, sharing every value that repeats between objects. */
export class ObjectSummarizer {
  readonly #strings = new StringPool(POOL_SIZE);
  readonly #labels = new InternPool<Labels>(POOL_SIZE);
  readonly #owners = new InternPool<OwnerRef>(POOL_SIZE);
  readonly #containers = new InternPool<readonly ContainerSummary[]>(POOL_SIZE);

  summarize(object: Json): ObjectSummary {
    const metadata = metadataOf(object);
    const owners = list(metadata['ownerReferences']);
    const owner = owners.find((ref) => ref['controller'] === true) ?? owners[0];
    const ownerKind = str(owner?.['kind']);
    const ownerName = str(owner?.['name']);
    const labels = this.#labelsOf(metadata);
    return {
      namespace: this.#strings.get(str(metadata['namespace']) ?? ''),
      name: str(metadata['name']) ?? '',
      ...(labels === undefined ? {} : { labels }),
      ...(ownerKind === undefined || ownerName === undefined
        ? {}
        : {
            owner: this.#owners.get(ownerKind + SEP + ownerName, () => ({
              kind: this.#strings.get(ownerKind),
              name: this.#strings.get(ownerName),
            })),
          }),
    };
  }

  summarizePod(object: Json): PodSummary {
    const spec = record(object['spec']);
    const status = record(object['status']);
    const nodeName = str(spec['nodeName']);
    const containers = [
      ...this.#containersOf(spec['initContainers'], status['initContainerStatuses'], 'init'),
      ...this.#containersOf(spec['containers'], status['containerStatuses'], 'container'),
      ...this.#containersOf(spec['ephemeralContainers'], status['ephemeralContainerStatuses'], 'ephemeral'),
    ];
    const key = containers
      .map((c) => [c.role, c.name, c.image, c.imageID ?? '', c.state].join(SEP))
      .join(SEP + SEP);
    return {
      ...this.summarize(object),
      phase: this.#strings.get(str(status['phase']) ?? 'Unknown'),
      ...(nodeName === undefined ? {} : { nodeName: this.#strings.get(nodeName) }),
      containers: this.#containers.get(key, () => containers),
    };
  }

  #labelsOf(metadata: Json): Labels | undefined {
    const entries: [string, string][] = [];
    for (const source of [metadata['labels'], metadata['annotations']]) {
      for (const [key, value] of Object.entries(record(source))) {
        if (typeof value === 'string' && !SKIPPED_ANNOTATIONS.has(key)) entries.push([key, value]);
      }
    }
    if (entries.length === 0) return undefined;
    return this.#labels.get(entries.flat().join(SEP), () => Object.fromEntries(entries));
  }

  #containersOf(specs: unknown, statuses: unknown, role: ContainerRole): ContainerSummary[] {
    const statusByName = new Map(list(statuses).map((status) => [str(status['name']), status]));
    return list(specs).map((container) => {
      const name = str(container['name']) ?? '';
      const status = statusByName.get(name);
      const imageID = str(status?.['imageID']);
      return {
        name: this.#strings.get(name),
        role,
        image: this.#strings.get(str(container['image']) ?? ''),
        ...(imageID === undefined ? {} : { imageID: this.#strings.get(imageID) }),
        state: containerState(status),
      };
    });
  }
}

// ContainerState has exactly one of running/waiting/terminated; no status yet (not scheduled,
// still creating) counts as waiting so the container is shown, never dropped.
function containerState(status: Json | undefined): ContainerSummary['state'] {
  const state = record(status?.['state']);
  if (state['running'] !== undefined) return 'running';
  if (state['terminated'] !== undefined) return 'exited';
  return 'waiting';
}

/** A node's OS and architecture: `status.nodeInfo`, else the well-known `kubernetes.io/*` labels. */
export function nodePlatformOf(object: Json): NodePlatform {
  const nodeInfo = record(record(object['status'])['nodeInfo']);
  const labels = record(metadataOf(object)['labels']);
  const os = str(nodeInfo['operatingSystem']) ?? str(labels['kubernetes.io/os']);
  const architecture = str(nodeInfo['architecture']) ?? str(labels['kubernetes.io/arch']);
  return {
    ...(os === undefined ? {} : { os }),
    ...(architecture === undefined ? {} : { architecture }),
  };
}

/** Two summaries of one object that make the same graph: pooled parts compare by reference. */
export function sameObject(a: ObjectSummary | undefined, b: ObjectSummary): boolean {
  return (
    a !== undefined &&
    a.name === b.name &&
    a.namespace === b.namespace &&
    a.labels === b.labels &&
    a.owner === b.owner
  );
}

export function samePod(a: PodSummary | undefined, b: PodSummary): boolean {
  return (
    sameObject(a, b) && a!.phase === b.phase && a!.nodeName === b.nodeName && a!.containers === b.containers
  );
}
