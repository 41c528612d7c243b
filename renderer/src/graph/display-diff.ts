// What changed between two drawings, so a patch touches only the elements it changed: Cytoscape
// keeps every other node where it is (no re-layout, no redraw of the untouched part).
import type { DisplayEdge, DisplayGraph, DisplayNode, DisplayRole } from './types.js';

export interface DisplayDiff {
  /** Compounds before what they hold, so a child's parent exists when it is added. */
  readonly addedNodes: readonly DisplayNode[];
  readonly removedNodes: readonly string[];
  /** Same place in the drawing, new label or update class. */
  readonly changedNodes: readonly DisplayNode[];
  readonly addedEdges: readonly DisplayEdge[];
  readonly removedEdges: readonly string[];
}

const ADD_ORDER: readonly DisplayRole[] = [
  'context',
  'group',
  'collapsed-group',
  'workload',
  'instance',
  'image',
];

export function diffDisplay(before: DisplayGraph, after: DisplayGraph): DisplayDiff {
  const addedNodes: DisplayNode[] = [];
  const removedNodes: string[] = [];
  const changedNodes: DisplayNode[] = [];
  for (const [id, old] of before.nodes) {
    const now = after.nodes.get(id);
    // A node that moved to another compound or changed role is drawn anew.
    if (now === undefined || now.parent !== old.parent || now.role !== old.role) removedNodes.push(id);
  }
  const removed = new Set(removedNodes);
  for (const [id, now] of after.nodes) {
    const old = before.nodes.get(id);
    if (old === undefined || removed.has(id)) addedNodes.push(now);
    else if (old.label !== now.label || old.update !== now.update || old.reference !== now.reference) {
      changedNodes.push(now);
    }
  }
  addedNodes.sort((a, b) => ADD_ORDER.indexOf(a.role) - ADD_ORDER.indexOf(b.role));
  // Removing a node removes its edges: list only those whose ends both stay.
  const removedEdges: string[] = [];
  for (const [id, edge] of before.edges) {
    if (!after.edges.has(id) && !removed.has(edge.source) && !removed.has(edge.target)) removedEdges.push(id);
  }
  const addedEdges: DisplayEdge[] = [];
  for (const [id, edge] of after.edges) {
    if (!before.edges.has(id) || removed.has(edge.source) || removed.has(edge.target)) addedEdges.push(edge);
  }
  return { addedNodes, removedNodes, changedNodes, addedEdges, removedEdges };
}
