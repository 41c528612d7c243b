// The typed dependency graph: image → container → pod → replicaset/job → deployment/statefulset/
// daemonset/cronjob → namespace → kube context, and on Docker image → container → compose service →
// compose project → docker host. Edges point from the thing that runs inside to the thing that holds
// it (child → parent), as in Cupdate's graph.
//
// Every node id starts with its platform id, so several Docker endpoints and kube contexts can live
// in one graph without collisions: `<platform>/<kind>/<name...>`. Image nodes are per platform too;
// the core consolidates them by `reference` before scheduling.

/** `docker:<endpoint-name>`, `kubernetes:<context-name>` or `static:<file>`. */
export type PlatformId = string;
export type NodeId = string;

export type NodeKind =
  | 'image'
  | 'container'
  | 'pod'
  | 'replicaset'
  | 'deployment'
  | 'statefulset'
  | 'daemonset'
  | 'job'
  | 'cronjob'
  | 'namespace'
  | 'kube-node'
  | 'kube-context'
  | 'docker-host'
  | 'compose-project'
  | 'compose-service'
  | 'swarm-service'
  | 'swarm-task'
  | 'static-list';

interface NodeBase<K extends NodeKind> {
  readonly id: NodeId;
  readonly kind: K;
  readonly platform: PlatformId;
  /** What a person calls it: the pod name, the container name, the familiar image reference. */
  readonly name: string;
  /** Labels/annotations that can carry rules (`config.cupdate/*`, `cupdate.config.*`). */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ImageNode extends NodeBase<'image'> {
  /**
   * The normalized reference as it runs: tag plus the digest it resolved to, e.g.
   * `docker.io/library/nginx:1.25@sha256:…`; the tag alone when the runtime reported no repository
   * digest (containerd's bare image ids). Absent when the runtime only knows an image id.
   */
  readonly reference?: string;
  /**
   * Why the reference is missing (a container started from a bare `sha256:` id) or has no digest
   * (the runtime reported an image id, not a repository digest). Shown to the user as is.
   */
  readonly unresolvable?: string;
  /** The platform the image runs on, for picking the right manifest of a multi-arch index. */
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
}

export type ContainerRole = 'container' | 'init' | 'ephemeral';
export interface ContainerNode extends NodeBase<'container'> {
  readonly role: ContainerRole;
  /** `running`, `waiting` (pulling, crash loop), `exited`, `created`, … as the runtime says. */
  readonly state: string;
}

/** A pod or workload whose chain of owners stops because the owner's kind may not be read (RBAC). */
interface Owned {
  /** Shown as is: `owned by Deployment "web", which is not shown: this context may not list …`. */
  readonly ownerNote?: string;
}

export interface PodNode extends NodeBase<'pod'>, Owned {
  readonly namespace: string;
  /** `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`. */
  readonly phase: string;
  readonly nodeName?: string;
}

export type WorkloadKind = 'replicaset' | 'deployment' | 'statefulset' | 'daemonset' | 'job' | 'cronjob';
export interface WorkloadNode extends NodeBase<WorkloadKind>, Owned {
  readonly namespace: string;
}

export type NamespaceNode = NodeBase<'namespace'>;
export interface KubeNodeNode extends NodeBase<'kube-node'> {
  readonly os?: string;
  readonly architecture?: string;
}
export interface KubeContextNode extends NodeBase<'kube-context'> {
  readonly cluster?: string;
  readonly server?: string;
}
export interface DockerHostNode extends NodeBase<'docker-host'> {
  readonly endpoint: string;
  readonly os?: string;
  readonly architecture?: string;
  readonly engineVersion?: string;
}
export type ComposeProjectNode = NodeBase<'compose-project'>;
export type ComposeServiceNode = NodeBase<'compose-service'>;
export type SwarmServiceNode = NodeBase<'swarm-service'>;
export type SwarmTaskNode = NodeBase<'swarm-task'>;
export interface StaticListNode extends NodeBase<'static-list'> {
  readonly path: string;
}

export type GraphNode =
  | ImageNode
  | ContainerNode
  | PodNode
  | WorkloadNode
  | NamespaceNode
  | KubeNodeNode
  | KubeContextNode
  | DockerHostNode
  | ComposeProjectNode
  | ComposeServiceNode
  | SwarmServiceNode
  | SwarmTaskNode
  | StaticListNode;

/** child → parent: the image runs in the container, the container in the pod, … */
export interface GraphEdge {
  readonly from: NodeId;
  readonly to: NodeId;
}

export type GraphPatch =
  | { readonly op: 'add-node'; readonly node: GraphNode }
  | { readonly op: 'update-node'; readonly node: GraphNode }
  | { readonly op: 'remove-node'; readonly id: NodeId }
  | { readonly op: 'add-edge'; readonly edge: GraphEdge }
  | { readonly op: 'remove-edge'; readonly edge: GraphEdge };
