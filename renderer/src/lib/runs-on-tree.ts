// Where an image runs, as an indented tree from each platform root down to the image: the image's
// `runsOn` subgraph has child → parent edges (image → container → pod → … → kube context).
import type { GraphEdge, GraphNode, NodeId } from '../../../internal/graph/types.js';
import { compareText } from '../../../internal/model/compare-text.js';

export interface TreeRow {
  readonly node: GraphNode;
  readonly depth: number;
}

/** Depth-first rows, roots first, children sorted by name. Each node is listed once, under its first parent. */
export function runsOnRows(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): TreeRow[] {
  const byId = new Map<NodeId, GraphNode>(nodes.map((node) => [node.id, node]));
  const children = new Map<NodeId, GraphNode[]>();
  const hasParent = new Set<NodeId>();
  for (const { from, to } of edges) {
    const child = byId.get(from);
    if (child === undefined || !byId.has(to)) continue;
    hasParent.add(from);
    const list = children.get(to) ?? [];
    list.push(child);
    children.set(to, list);
  }
  const byName = (a: GraphNode, b: GraphNode): number => compareText(a.name, b.name);
  const rows: TreeRow[] = [];
  const seen = new Set<NodeId>();
  const visit = (node: GraphNode, depth: number): void => {
    if (seen.has(node.id)) return; // a node with two parents, or a cycle in bad data
    seen.add(node.id);
    rows.push({ node, depth });
    for (const child of (children.get(node.id) ?? []).sort(byName)) visit(child, depth + 1);
  };
  for (const root of nodes.filter((node) => !hasParent.has(node.id)).sort(byName)) visit(root, 0);
  return rows;
}
