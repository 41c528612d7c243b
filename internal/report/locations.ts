// Where an image runs, read from the store's `runsOn` subgraph (image → container → … → platform
// root, edges child → parent; internal/graph/types.ts). Each path from the image up to a root gives
// one location: its scope (the kube context and namespace, or the Docker host and compose project)
// and the outermost workload on the path (a Deployment rather than its ReplicaSet or pods, a compose
// service rather than its containers). Replicas collapse into one location.
import type { GraphNode, NodeKind } from '../graph/types.js';
import type { ImageLocations } from '../model/image.js';
import type { ReportLocation } from './model.js';
import { compareText } from '../model/compare-text.js';

/** Nodes that name a place, outermost first once reversed: context → namespace, host → project. */
const SCOPE_KINDS: ReadonlySet<NodeKind> = new Set([
  'kube-context',
  'namespace',
  'docker-host',
  'compose-project',
  'static-list',
]);

/** Nodes that are something a person deploys; the outermost one on a path names the location. */
const WORKLOAD_KINDS: ReadonlySet<NodeKind> = new Set([
  'container',
  'pod',
  'replicaset',
  'deployment',
  'statefulset',
  'daemonset',
  'job',
  'cronjob',
  'compose-service',
  'swarm-service',
]);

export function locationsOf(runsOn: ImageLocations): ReportLocation[] {
  const nodes = new Map(runsOn.nodes.map((node) => [node.id, node]));
  const parents = new Map<string, string[]>();
  for (const edge of runsOn.edges) parents.set(edge.from, [...(parents.get(edge.from) ?? []), edge.to]);

  const found = new Map<string, ReportLocation>();
  const walk = (node: GraphNode, path: readonly GraphNode[]): void => {
    const above = (parents.get(node.id) ?? []).flatMap((id) => nodes.get(id) ?? []);
    const unvisited = above.filter((parent) => !path.includes(parent));
    if (unvisited.length === 0) {
      const [first, ...rest] = path;
      if (first === undefined) return; // an image node nothing holds runs nowhere
      const location = locationOfPath([first, ...rest]);
      found.set([location.platform, ...location.scope, location.workload ?? ''].join('\u0000'), location);
      return;
    }
    for (const parent of unvisited) walk(parent, [...path, parent]);
  };
  for (const node of runsOn.nodes) if (node.kind === 'image') walk(node, []);
  return [...found.entries()].sort(([a], [b]) => compareText(a, b)).map(([, location]) => location);
}

/** `path` goes from the node above the image up to a root. */
function locationOfPath(path: readonly [GraphNode, ...GraphNode[]]): ReportLocation {
  const root = path[path.length - 1] ?? path[0];
  const scope = path.filter((node) => SCOPE_KINDS.has(node.kind)).reverse();
  const workload = path.findLast((node) => WORKLOAD_KINDS.has(node.kind));
  return {
    platform: root.platform,
    // A root that is no known place (a graph cut short) still says where the path ended.
    scope: (scope.length > 0 ? scope : [root]).map((node) => node.name),
    workload: workload === undefined ? null : `${workload.kind}/${workload.name}`,
  };
}
