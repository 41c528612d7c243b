// Keeps the drawing within a node budget, so it lays out and draws quickly and stays readable:
// first pods fold into their workload ("web · 12 pods"), then whole groups fold into one node,
// the focused ones and the most urgent ones staying open as long as the budget allows.
import type { NodeId } from '../../../internal/graph/types.js';
import { compareText } from '../../../internal/model/compare-text.js';
import { displayGraph, NO_REDUCTION, type Reduction } from './elements.js';
import type { Placement } from './placements.js';
import type { DisplayGraph, ImageUpdateState } from './types.js';
import { UPDATE_CLASSES } from './update-class.js';

/**
 * What a canvas draws in about a second on a loaded 2-core machine (bench/renderer-graph.bench.ts:
 * ~1.1 s at 1,000 nodes, ~2.6 s at 2,000, first frame included), and about what a screen shows.
 */
export const DEFAULT_NODE_BUDGET = 1500;

export function chooseReduction(
  placements: readonly Placement[],
  updates: ReadonlyMap<string, ImageUpdateState>,
  budget: number,
  focus: ReadonlySet<NodeId>,
): Reduction {
  // Folding pods can only shrink the drawing: when even that is too big, skip drawing it all.
  const podless: Reduction = { collapsePods: true, collapsedGroups: new Set() };
  const folded = displayGraph(placements, updates, podless);
  if (folded.nodes.size <= budget) {
    return displayGraph(placements, updates, NO_REDUCTION).nodes.size <= budget ? NO_REDUCTION : podless;
  }

  const sizes = groupSizes(folded);
  // Start with every group closed (one node each), then open them most important first.
  let total = folded.nodes.size;
  for (const size of sizes.values()) total -= size - 1;
  const collapsed = new Set(sizes.keys());
  for (const id of openingOrder(folded, sizes, focus)) {
    const size = sizes.get(id) ?? 0;
    if (!focus.has(id) && total + size - 1 > budget) continue;
    collapsed.delete(id);
    total += size - 1;
  }
  return { collapsePods: true, collapsedGroups: collapsed };
}

/** Per group: the group node plus every node drawn inside it. */
function groupSizes(display: DisplayGraph): Map<NodeId, number> {
  const sizes = new Map<NodeId, number>();
  for (const node of display.nodes.values()) {
    if (node.role === 'group') sizes.set(node.id, (sizes.get(node.id) ?? 0) + 1);
    else if (node.parent !== null && display.nodes.get(node.parent)?.role === 'group') {
      sizes.set(node.parent, (sizes.get(node.parent) ?? 0) + 1);
    }
  }
  return sizes;
}

/** Focused groups first, then by most urgent update, then smaller ones (more of them fit). */
function openingOrder(display: DisplayGraph, sizes: ReadonlyMap<NodeId, number>, focus: ReadonlySet<NodeId>) {
  const urgency = (id: NodeId) => UPDATE_CLASSES.indexOf(display.nodes.get(id)?.update ?? 'unknown');
  return [...sizes.keys()].sort(
    (a, b) =>
      Number(focus.has(b)) - Number(focus.has(a)) ||
      urgency(a) - urgency(b) ||
      (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0) ||
      compareText(a, b),
  );
}
