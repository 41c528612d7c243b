// The search box: which drawn nodes match, and which folded groups hold a match and must open.
import type { NodeId } from '../../../internal/graph/types.js';
import type { Placement } from './placements.js';
import type { DisplayGraph } from './types.js';

export function matchingNodes(display: DisplayGraph, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const ids: string[] = [];
  for (const node of display.nodes.values()) {
    if (node.role !== 'context' && node.role !== 'group' && node.name.toLowerCase().includes(needle))
      ids.push(node.id);
  }
  return ids;
}

/** Groups holding an image, workload or instance whose name contains the query. */
export function groupsMatching(placements: readonly Placement[], query: string): Set<NodeId> {
  const needle = query.trim().toLowerCase();
  const groups = new Set<NodeId>();
  if (needle === '') return groups;
  for (const { image, workload, instance, group } of placements) {
    if (group === null || groups.has(group.id)) continue;
    if ([image, workload, instance].some((node) => node?.name.toLowerCase().includes(needle)))
      groups.add(group.id);
  }
  return groups;
}
