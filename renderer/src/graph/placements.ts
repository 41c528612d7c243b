// Where each image runs, in the terms the view draws: the context (kube context, docker host,
// static list) → the group (namespace, compose project) → the workload → the instance (pod,
// swarm task, container) → the image. Read from the model graph's child → parent edges
// (internal/graph/types.ts).
import type { Graph } from '../../../internal/graph/graph.js';
import type { GraphNode, NodeId, NodeKind } from '../../../internal/graph/types.js';

/** One image running in one instance. */
export interface Placement {
  readonly image: GraphNode;
  readonly context: GraphNode;
  readonly group: GraphNode | null;
  readonly workload: GraphNode | null;
  readonly instance: GraphNode | null;
}

/** The compound an image is drawn in: its group, or its context when it has none. */
export function holderOf(placement: Placement): NodeId {
  return (placement.group ?? placement.context).id;
}

const CONTEXT_KINDS = new Set<NodeKind>(['kube-context', 'docker-host', 'static-list']);
const GROUP_KINDS = new Set<NodeKind>(['namespace', 'compose-project']);
const WORKLOAD_KINDS = new Set<NodeKind>([
  'deployment',
  'statefulset',
  'daemonset',
  'job',
  'cronjob',
  'replicaset',
  'compose-service',
  'swarm-service',
]);
// A Kubernetes container is a part of its pod: the pod is what the user sees scale. A Docker
// container has no pod: it is the instance itself.
const INSTANCE_KINDS = new Set<NodeKind>(['pod', 'swarm-task']);

/** Chains above an image are short (image → container → pod → rs → deployment → ns → context). */
const MAX_DEPTH = 16;

export function placementsOf(graph: Graph): Placement[] {
  const placements: Placement[] = [];
  for (const node of graph.nodes()) placements.push(...imagePlacements(graph, node.id));
  return placements;
}

/** Where one image runs: once per container (or list) that holds it; none for a non-image. */
export function imagePlacements(graph: Graph, id: NodeId): Placement[] {
  const image = graph.node(id);
  if (image?.kind !== 'image') return [];
  return graph.parentsOf(id).flatMap((parent) => place(graph, image, parent) ?? []);
}

/** Climbs from the image's holder to its context; null when the chain never reaches one. */
function place(graph: Graph, image: GraphNode, holder: NodeId): Placement | null {
  let group: GraphNode | null = null;
  let workload: GraphNode | null = null;
  let instance: GraphNode | null = null;
  let id: NodeId | undefined = holder;
  for (let depth = 0; id !== undefined && depth < MAX_DEPTH; depth++) {
    const node = graph.node(id);
    if (node === undefined) return null;
    if (CONTEXT_KINDS.has(node.kind)) return { image, context: node, group, workload, instance };
    if (GROUP_KINDS.has(node.kind)) group ??= node;
    else if (WORKLOAD_KINDS.has(node.kind))
      workload = node; // the topmost one wins
    else if (INSTANCE_KINDS.has(node.kind) || (node.kind === 'container' && instance === null))
      instance = node;
    id = graph.parentsOf(id)[0];
  }
  return null;
}
