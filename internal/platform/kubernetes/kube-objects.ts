// The parts of Kubernetes objects the graph needs, cut from the API's JSON as soon as it arrives so
// a cluster of 20,000 pods is held as small records, not as full objects (shapes: Kubernetes API
// reference, ObjectMeta, OwnerReference, PodSpec, PodStatus, ContainerStatus, NodeStatus).
import type { ContainerRole } from '../../graph/types.js';

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

export interface ObjectSummary {
  readonly namespace: string;
  readonly name: string;
  /** Labels and annotations together, so `config.cupdate/*` annotations reach the rules. */
  readonly labels?: Readonly<Record<string, string>>;
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

/** `<namespace>/<name>` (namespace empty for cluster-scoped objects): the index key of an object. */
export function objectKey(object: Json): string {
  const metadata = metadataOf(object);
  return `${str(metadata['namespace']) ?? ''}/${str(metadata['name']) ?? ''}`;
}

export function summarizeObject(object: Json): ObjectSummary {
  const metadata = metadataOf(object);
  const owners = list(metadata['ownerReferences']);
  const owner = owners.find((ref) => ref['controller'] === true) ?? owners[0];
  const ownerKind = str(owner?.['kind']);
  const ownerName = str(owner?.['name']);
  const labels = labelsOf(metadata);
  return {
    namespace: str(metadata['namespace']) ?? '',
    name: str(metadata['name']) ?? '',
    ...(labels === undefined ? {} : { labels }),
    ...(ownerKind === undefined || ownerName === undefined
      ? {}
      : { owner: { kind: ownerKind, name: ownerName } }),
  };
}

function labelsOf(metadata: Json): Record<string, string> | undefined {
  const merged: Record<string, string> = {};
  for (const source of [metadata['labels'], metadata['annotations']]) {
    for (const [key, value] of Object.entries(record(source))) {
      if (typeof value === 'string' && !SKIPPED_ANNOTATIONS.has(key)) merged[key] = value;
    }
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}

export function summarizePod(object: Json): PodSummary {
  const spec = record(object['spec']);
  const status = record(object['status']);
  const nodeName = str(spec['nodeName']);
  return {
    ...summarizeObject(object),
    phase: str(status['phase']) ?? 'Unknown',
    ...(nodeName === undefined ? {} : { nodeName }),
    containers: [
      ...containersOf(spec['initContainers'], status['initContainerStatuses'], 'init'),
      ...containersOf(spec['containers'], status['containerStatuses'], 'container'),
      ...containersOf(spec['ephemeralContainers'], status['ephemeralContainerStatuses'], 'ephemeral'),
    ],
  };
}

function containersOf(specs: unknown, statuses: unknown, role: ContainerRole): ContainerSummary[] {
  const statusByName = new Map(list(statuses).map((status) => [str(status['name']), status]));
  return list(specs).map((container) => {
    const name = str(container['name']) ?? '';
    const status = statusByName.get(name);
    const imageID = str(status?.['imageID']);
    return {
      name,
      role,
      image: str(container['image']) ?? '',
      ...(imageID === undefined ? {} : { imageID }),
      state: containerState(status),
    };
  });
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
