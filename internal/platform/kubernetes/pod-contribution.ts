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
import type {
  GraphEdge,
  GraphNode,
  KubeContextNode,
  NodeId,
  PlatformId,
  WorkloadKind,
} from '../../graph/types.js';
import type { NodePlatform, ObjectSummary, PodSummary } from './kube-objects.js';
import { runningImage } from '../running-image.js';

export interface Contribution {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Index keys (see ownerKey/nodeKey) whose change changes this contribution. */
  readonly dependsOn: readonly string[];
}

export interface ObjectLookup {
  owner(kind: string, namespace: string, name: string): ObjectSummary | undefined;
  node(name: string): NodePlatform | undefined;
  /** The equal node already in the graph, if any (see RefCountedGraph.intern). */
  intern<N extends GraphNode>(node: N): N;
}

/** Owner kinds the chain follows; any other kind (a CRD such as Argo's Rollout) ends it. */
export const OWNER_KINDS: Readonly<Record<string, WorkloadKind>> = {
  ReplicaSet: 'replicaset',
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  Job: 'job',
  CronJob: 'cronjob',
};

// Owner chains are at most pod → replicaset → deployment; the bound only guards against cycles.
const MAX_CHAIN = 8;

export function ownerKey(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`;
}

export function nodeKey(name: string): string {
  return `Node:/${name}`;
}

export function contextNode(
  platform: PlatformId,
  context: string,
  cluster?: string,
  server?: string,
): KubeContextNode {
  return {
    id: `${platform}/kube-context/${context}`,
    kind: 'kube-context',
    platform,
    name: context,
    ...(cluster === undefined ? {} : { cluster }),
    ...(server === undefined ? {} : { server }),
  };
}

export function podContribution(
  platform: PlatformId,
  contextId: NodeId,
  pod: PodSummary,
  lookup: ObjectLookup,
): Contribution {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const dependsOn: string[] = [];
  const ns = pod.namespace;
  const podId = `${platform}/pod/${ns}/${pod.name}`;
  nodes.push({
    id: podId,
    kind: 'pod',
    platform,
    name: pod.name,
    namespace: ns,
    phase: pod.phase,
    ...(pod.nodeName === undefined ? {} : { nodeName: pod.nodeName }),
    ...(pod.labels === undefined ? {} : { labels: pod.labels }),
  });

  let nodePlatform: NodePlatform = {};
  if (pod.nodeName !== undefined) {
    dependsOn.push(nodeKey(pod.nodeName));
    nodePlatform = lookup.node(pod.nodeName) ?? {};
  }
  const platformSuffix =
    nodePlatform.os !== undefined && nodePlatform.architecture !== undefined
      ? `?platform=${nodePlatform.os}/${nodePlatform.architecture}`
      : '';

  for (const container of pod.containers) {
    const image = runningImage(container.image, container.imageID);
    const imageNode = lookup.intern({
      id: `${platform}/image/${image.reference ?? image.name}${platformSuffix}`,
      kind: 'image',
      platform,
      name: image.name,
      ...(image.reference === undefined ? {} : { reference: image.reference }),
      ...(image.unresolvable === undefined ? {} : { unresolvable: image.unresolvable }),
      ...nodePlatform,
    });
    const containerId = `${platform}/container/${ns}/${pod.name}/${container.name}`;
    nodes.push(imageNode, {
      id: containerId,
      kind: 'container',
      platform,
      name: container.name,
      role: container.role,
      state: container.state,
    });
    edges.push({ from: imageNode.id, to: containerId }, { from: containerId, to: podId });
  }

  let child = podId;
  let owner = pod.owner;
  for (let depth = 0; owner !== undefined && depth < MAX_CHAIN; depth++) {
    const kind = OWNER_KINDS[owner.kind];
    if (kind === undefined) break;
    dependsOn.push(ownerKey(owner.kind, ns, owner.name));
    const object = lookup.owner(owner.kind, ns, owner.name);
    if (object === undefined) break;
    const workload = lookup.intern({
      id: `${platform}/${kind}/${ns}/${object.name}`,
      kind,
      platform,
      name: object.name,
      namespace: ns,
      ...(object.labels === undefined ? {} : { labels: object.labels }),
    });
    nodes.push(workload);
    edges.push({ from: child, to: workload.id });
    child = workload.id;
    owner = object.owner;
  }

  const namespace = lookup.intern({
    id: `${platform}/namespace/${ns}`,
    kind: 'namespace',
    platform,
    name: ns,
  });
  nodes.push(namespace);
  edges.push({ from: child, to: namespace.id }, { from: namespace.id, to: contextId });
  return { nodes, edges, dependsOn };
}
