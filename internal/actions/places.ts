// The places an image runs, read from the store's `runsOn` subgraph (image → container → … →
// platform root, edges child → parent; internal/graph/types.ts), in the terms an action needs: a
// Docker container with its compose or swarm labels and its host, or a Kubernetes container with
// its pod, its owners up to the top one, its namespace and kube context. Replicas collapse: the
// pods of one Deployment, or the containers of one compose service, are one place.
import type {
  ContainerNode,
  DockerHostNode,
  GraphNode,
  ImageNode,
  NodeKind,
  PodNode,
  StaticListNode,
  WorkloadNode,
} from '../graph/types.js';
import type { ImageLocations } from '../model/image.js';
import { OWNER_KINDS } from '../platform/kubernetes/pod-part.js';

// Labels `docker compose` and swarm mode put on the containers they create (compose-spec, moby).
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  environmentFile: 'com.docker.compose.project.environment_file',
} as const;
const SWARM_SERVICE_LABEL = 'com.docker.swarm.service.name';

export interface DockerPlace {
  readonly kind: 'docker';
  readonly platform: string;
  readonly image: ImageNode;
  readonly container: ContainerNode;
  /** The engine's container id (the node id's last part). */
  readonly containerId: string;
  readonly host: DockerHostNode;
  readonly compose: { readonly project: string; readonly service: string } | null;
  readonly swarmService: string | null;
}

export interface KubernetesPlace {
  readonly kind: 'kubernetes';
  readonly platform: string;
  readonly image: ImageNode;
  readonly container: ContainerNode;
  readonly pod: PodNode;
  /** The pod's owners, nearest first (ReplicaSet, then Deployment); empty for a bare pod. */
  readonly owners: readonly WorkloadNode[];
  readonly namespace: string;
  readonly context: string;
}

export interface ListedPlace {
  readonly kind: 'listed';
  readonly platform: string;
  readonly image: ImageNode;
  readonly list: StaticListNode;
}

/** A path that ends in no known root (a graph cut short): said, not guessed. */
export interface UnknownPlace {
  readonly kind: 'unknown';
  readonly platform: string;
  readonly image: ImageNode;
  readonly path: readonly GraphNode[];
}

export type Place = DockerPlace | KubernetesPlace | ListedPlace | UnknownPlace;

/** The node kinds of a pod's owners, as the Kubernetes platform follows them. */
const WORKLOAD_KINDS: ReadonlySet<NodeKind> = new Set(Object.values(OWNER_KINDS).map((owner) => owner.kind));

export function placesOf(runsOn: ImageLocations): Place[] {
  const nodes = new Map(runsOn.nodes.map((node) => [node.id, node]));
  const parents = new Map<string, GraphNode[]>();
  for (const edge of runsOn.edges) {
    const parent = nodes.get(edge.to);
    if (parent !== undefined) parents.set(edge.from, [...(parents.get(edge.from) ?? []), parent]);
  }
  /** The node's ancestors, nearest first: above a container there is one line up to the root. */
  const ancestors = (node: GraphNode): GraphNode[] => {
    const line: GraphNode[] = [];
    for (let at = parents.get(node.id)?.[0]; at !== undefined && !line.includes(at);) {
      line.push(at);
      at = parents.get(at.id)?.[0];
    }
    return line;
  };

  const places = new Map<string, Place>();
  for (const image of runsOn.nodes) {
    if (image.kind !== 'image') continue;
    for (const holder of parents.get(image.id) ?? []) {
      const path = [holder, ...ancestors(holder)];
      const place = placeOf(image, path);
      places.set(keyOf(place), place);
    }
  }
  return [...places.values()];
}

function placeOf(image: ImageNode, path: readonly GraphNode[]): Place {
  const [holder] = path;
  const find = <K extends NodeKind>(kind: K) =>
    path.find((node): node is Extract<GraphNode, { kind: K }> => node.kind === kind);
  const unknown: UnknownPlace = { kind: 'unknown', platform: image.platform, image, path };
  if (holder?.kind === 'static-list')
    return { kind: 'listed', platform: image.platform, image, list: holder };
  if (holder?.kind !== 'container') return unknown;

  const host = find('docker-host');
  if (host !== undefined) {
    const labels = holder.labels ?? {};
    const project = labels[COMPOSE_LABELS.project];
    const service = labels[COMPOSE_LABELS.service];
    return {
      kind: 'docker',
      platform: image.platform,
      image,
      container: holder,
      containerId: holder.id.slice(holder.id.lastIndexOf('/') + 1),
      host,
      compose: project !== undefined && service !== undefined ? { project, service } : null,
      swarmService: labels[SWARM_SERVICE_LABEL] ?? null,
    };
  }
  const pod = find('pod');
  const context = find('kube-context');
  if (pod === undefined || context === undefined) return unknown;
  return {
    kind: 'kubernetes',
    platform: image.platform,
    image,
    container: holder,
    pod,
    owners: path.filter((node): node is WorkloadNode => WORKLOAD_KINDS.has(node.kind)),
    namespace: pod.namespace,
    context: context.name,
  };
}

/** Places with one key get one action: replicas of a workload, containers of a compose service. */
function keyOf(place: Place): string {
  switch (place.kind) {
    case 'docker':
      if (place.swarmService !== null) return `${place.platform}\0swarm\0${place.swarmService}`;
      if (place.compose !== null)
        return `${place.platform}\0compose\0${place.compose.project}\0${place.compose.service}`;
      return `${place.platform}\0container\0${place.containerId}`;
    case 'kubernetes': {
      const top = place.owners.at(-1)?.id ?? place.pod.id;
      return `${place.platform}\0${top}\0${place.container.role}\0${place.container.name}`;
    }
    case 'listed':
      return `${place.platform}\0${place.list.id}`;
    case 'unknown':
      return `${place.platform}\0${place.image.id}\0${place.path.map((node) => node.id).join('\0')}`;
  }
}
