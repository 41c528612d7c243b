// The part of the graph one pod brings: its images and containers, the pod, its chain of owners up
// to the top (followed through ownerReferences), its namespace and the kube context.
//
// Node ids (every one starts with the platform id `kubernetes:<context>`):
//   kube-context  <platform>/kube-context/<context>
//   namespace     <platform>/namespace/<namespace>
//   workloads     <platform>/<kind>/<namespace>/<name>     kind: replicaset, deployment, …
//   pod           <platform>/pod/<namespace>/<pod>
//   container     <platform>/container/<namespace>/<pod>/<container>
//   image         <platform>/image/<reference>?platform=<os>/<arch>   (the suffix only when the
//                 pod's node is known: the same tag on an arm64 and an amd64 node are two images)
//
// What is kept per pod is small: the summary it was built from and references to the nodes it
// shares with other pods (images, owners, namespace). Its own nodes (the pod, its containers) and
// edges are made again from those when the graph is sent or diffed, never held.
import type {
  ContainerNode,
  GraphEdge,
  GraphNode,
  ImageNode,
  KubeContextNode,
  NamespaceNode,
  NodeId,
  PlatformId,
  PodNode,
  WorkloadKind,
  WorkloadNode,
} from '../../graph/types.js';
import { runningImage, type RunningImage } from '../running-image.js';
import { InternPool } from './intern-pool.js';
import type { NodePlatform, ObjectSummary, OwnerRef, PodSummary } from './kube-objects.js';
import type { ResourceName } from './kube-resources.js';
import type { GraphPart } from './ref-counted-graph.js';

export interface PodPart {
  /** The summary this part was built from. */
  readonly pod: PodSummary;
  /** The image node of each container, in `pod.containers` order (shared between pods). */
  readonly images: readonly ImageNode[];
  /** The owners above the pod, nearest first (shared). */
  readonly chain: readonly WorkloadNode[];
  readonly namespace: NamespaceNode;
  /** Why the pod's own owner is not shown (its kind may not be read in the namespace). */
  readonly ownerNote?: string;
  /** The id of an owner of a followed kind that is not (yet) known: the chain waits for it. */
  readonly missingOwner?: NodeId;
}

export interface PartLookup {
  owner(resource: ResourceName, namespace: string, name: string): ObjectSummary | undefined;
  nodePlatform(nodeName: string): NodePlatform | undefined;
  /** Whether this context lists `resource` in `namespace` (RBAC may forbid it). */
  readable(resource: ResourceName, namespace: string): boolean;
}

/** Owner kinds the chain follows; any other kind (a CRD such as Argo's Rollout) ends it. */
export const OWNER_KINDS: Readonly<Record<string, { kind: WorkloadKind; resource: ResourceName }>> = {
  ReplicaSet: { kind: 'replicaset', resource: 'replicasets' },
  Deployment: { kind: 'deployment', resource: 'deployments' },
  StatefulSet: { kind: 'statefulset', resource: 'statefulsets' },
  DaemonSet: { kind: 'daemonset', resource: 'daemonsets' },
  Job: { kind: 'job', resource: 'jobs' },
  CronJob: { kind: 'cronjob', resource: 'cronjobs' },
};

// Owner chains are at most pod → replicaset → deployment; the bound only guards against cycles.
const MAX_CHAIN = 8;

/**
 * Builds and expands the parts of one kube context's pods. The nodes pods share are made once for
 * the same inputs and handed to every pod (an image per reference and node platform, a workload
 * per owner summary, a namespace per name): the graph holds one object each, and building the part
 * of a 20,000th replica costs a few lookups.
 */
export class PodParts {
  readonly contextNode: KubeContextNode;
  readonly #platform: PlatformId;
  readonly #images = new InternPool<ImageNode>(50_000);
  readonly #running = new InternPool<RunningImage>(50_000);
  /** By the owner's summary: a changed owner is a new summary, so a stale node is never handed out. */
  readonly #workloads = new WeakMap<ObjectSummary, WorkloadNode>();
  readonly #namespaces = new Map<string, NamespaceNode>();

  constructor(platform: PlatformId, context: { name: string; cluster?: string; server?: string }) {
    this.#platform = platform;
    this.contextNode = {
      id: `${platform}/kube-context/${context.name}`,
      kind: 'kube-context',
      platform,
      name: context.name,
      ...(context.cluster === undefined ? {} : { cluster: context.cluster }),
      ...(context.server === undefined ? {} : { server: context.server }),
    };
  }

  workloadId(kind: WorkloadKind, namespace: string, name: string): NodeId {
    return `${this.#platform}/${kind}/${namespace}/${name}`;
  }

  build(pod: PodSummary, lookup: PartLookup): PodPart {
    const platform = this.#platform;
    const ns = pod.namespace;
    const nodePlatform = (pod.nodeName === undefined ? undefined : lookup.nodePlatform(pod.nodeName)) ?? {};
    const suffix =
      nodePlatform.os !== undefined && nodePlatform.architecture !== undefined
        ? `?platform=${nodePlatform.os}/${nodePlatform.architecture}`
        : '';
    const images = pod.containers.map((container) => {
      const inputs = `${container.image}\u0000${container.imageID ?? ''}`;
      return this.#images.get(`${inputs}\u0000${suffix}`, () => {
        const image = this.#running.get(inputs, () => runningImage(container.image, container.imageID));
        return {
          id: `${platform}/image/${image.reference ?? image.name}${suffix}`,
          kind: 'image',
          platform,
          name: image.name,
          ...(image.reference === undefined ? {} : { reference: image.reference }),
          ...(image.unresolvable === undefined ? {} : { unresolvable: image.unresolvable }),
          ...nodePlatform,
        };
      });
    });

    const chain: WorkloadNode[] = [];
    let missingOwner: NodeId | undefined;
    const podNote = unreadableOwner(pod.owner, ns, lookup);
    let owner = podNote === undefined ? pod.owner : undefined;
    for (let depth = 0; owner !== undefined && depth < MAX_CHAIN; depth++) {
      const followed = OWNER_KINDS[owner.kind];
      if (followed === undefined) break;
      const object = lookup.owner(followed.resource, ns, owner.name);
      if (object === undefined) {
        missingOwner = this.workloadId(followed.kind, ns, owner.name);
        break;
      }
      const note = unreadableOwner(object.owner, ns, lookup);
      let workload = this.#workloads.get(object);
      if (workload === undefined || workload.ownerNote !== note) {
        workload = {
          id: this.workloadId(followed.kind, ns, object.name),
          kind: followed.kind,
          platform,
          name: object.name,
          namespace: ns,
          ...(object.labels === undefined ? {} : { labels: object.labels }),
          ...(note === undefined ? {} : { ownerNote: note }),
        };
        this.#workloads.set(object, workload);
      }
      chain.push(workload);
      owner = note === undefined ? object.owner : undefined;
    }

    let namespace = this.#namespaces.get(ns);
    if (namespace === undefined) {
      namespace = { id: `${platform}/namespace/${ns}`, kind: 'namespace', platform, name: ns };
      this.#namespaces.set(ns, namespace);
    }
    return {
      pod,
      images,
      chain,
      namespace,
      ...(podNote === undefined ? {} : { ownerNote: podNote }),
      ...(missingOwner === undefined ? {} : { missingOwner }),
    };
  }

  /** The pod's own nodes: the pod and its containers. */
  ownNodes(part: PodPart): GraphNode[] {
    const { pod } = part;
    const podNode: PodNode = {
      id: this.#podId(pod),
      kind: 'pod',
      platform: this.#platform,
      name: pod.name,
      namespace: pod.namespace,
      phase: pod.phase,
      ...(pod.nodeName === undefined ? {} : { nodeName: pod.nodeName }),
      ...(pod.labels === undefined ? {} : { labels: pod.labels }),
      ...(part.ownerNote === undefined ? {} : { ownerNote: part.ownerNote }),
    };
    const containers = pod.containers.map((container): ContainerNode => ({
      id: this.#containerId(pod, container.name),
      kind: 'container',
      platform: this.#platform,
      name: container.name,
      role: container.role,
      state: container.state,
    }));
    return [podNode, ...containers];
  }

  /** The edges that touch the pod's own nodes: image → container → pod → first owner (or namespace). */
  ownEdges(part: PodPart): GraphEdge[] {
    const { pod } = part;
    const podId = this.#podId(pod);
    const edges = pod.containers.flatMap((container, index) => {
      const containerId = this.#containerId(pod, container.name);
      return [
        { from: part.images[index]!.id, to: containerId },
        { from: containerId, to: podId },
      ];
    });
    edges.push({ from: podId, to: (part.chain[0] ?? part.namespace).id });
    return edges;
  }

  /** What the pod shares with others, for the reference-counted graph: images, owners, namespace. */
  shared(part: PodPart): GraphPart {
    const above = [...part.chain, part.namespace];
    const edges: GraphEdge[] = [];
    for (let i = 0; i + 1 < above.length; i++) edges.push({ from: above[i]!.id, to: above[i + 1]!.id });
    edges.push({ from: part.namespace.id, to: this.contextNode.id });
    return { nodes: [...part.images, ...above], edges };
  }

  #podId(pod: PodSummary): NodeId {
    return `${this.#platform}/pod/${pod.namespace}/${pod.name}`;
  }

  #containerId(pod: PodSummary, container: string): NodeId {
    return `${this.#platform}/container/${pod.namespace}/${pod.name}/${container}`;
  }
}

/** The ids of the owners a part was built from (found or awaited): their change changes it. */
export function ownerIdsOf(part: PodPart): NodeId[] {
  const ids = part.chain.map((workload) => workload.id);
  if (part.missingOwner !== undefined) ids.push(part.missingOwner);
  return ids;
}

/** Why `owner` is not followed, when its kind is one the chain follows but may not be read. */
function unreadableOwner(
  owner: OwnerRef | undefined,
  namespace: string,
  lookup: PartLookup,
): string | undefined {
  const followed = owner === undefined ? undefined : OWNER_KINDS[owner.kind];
  if (followed === undefined || lookup.readable(followed.resource, namespace)) return undefined;
  return `owned by ${owner!.kind} "${owner!.name}", which is not shown: this context may not list ${followed.resource} in namespace "${namespace}"`;
}
