// From the model to what is drawn, per holder (namespace, compose project, context): a full plan
// folds the whole graph to the budget; an update redraws only the holders that changed and diffs
// only their nodes, so a patch costs what it touched, not what the graph holds.
import type { NodeId } from '../../../internal/graph/types.js';
import { diffDisplay, type DisplayDiff } from './display-diff.js';
import { displayGraph, filterPlacements, type Reduction } from './elements.js';
import type { GraphState } from './graph-state.js';
import { chooseReduction } from './reduce.js';
import type { DisplayEdge, DisplayGraph, DisplayNode, GraphFilters, ImageUpdateState } from './types.js';
import { mostUrgent } from './update-class.js';

export interface DrawingRequest {
  readonly model: GraphState;
  readonly updates: ReadonlyMap<string, ImageUpdateState>;
  readonly filters: GraphFilters;
  /** Groups kept open whatever the budget (the user searched or double-clicked into them). */
  readonly focus: ReadonlySet<NodeId>;
  readonly budget: number;
}

export interface Drawing {
  readonly display: DisplayGraph;
  readonly reduction: Reduction;
  readonly parts: ReadonlyMap<NodeId, DisplayGraph>;
}

/** Filters and folds everything to fit the budget. */
export function planDrawing(request: DrawingRequest): Drawing {
  const shown = filterPlacements(request.model.placements, request.updates, request.filters);
  const reduction = chooseReduction(shown, request.updates, request.budget, request.focus);
  const parts = new Map<NodeId, DisplayGraph>();
  for (const holder of request.model.holders()) parts.set(holder, part(request, holder, reduction));
  return { display: merge(parts.values()), reduction, parts };
}

/** Redraws the `changed` holders with the folding `previous` chose, and says what changed. */
export function updateDrawing(
  previous: Drawing,
  request: DrawingRequest,
  changed: ReadonlySet<NodeId>,
): { drawing: Drawing; diff: DisplayDiff } {
  const parts = new Map(previous.parts);
  for (const holder of changed) parts.set(holder, part(request, holder, previous.reduction));
  const display = merge(parts.values());
  // Only nodes and edges of changed holders can differ (contexts are part of every holder's part).
  const touched = [...changed].flatMap((holder) => [previous.parts.get(holder), parts.get(holder)]);
  const diff = diffDisplay(pick(previous.display, touched), pick(display, touched));
  return { drawing: { display, reduction: previous.reduction, parts }, diff };
}

function part(request: DrawingRequest, holder: NodeId, reduction: Reduction): DisplayGraph {
  const shown = filterPlacements(request.model.placementsIn(holder), request.updates, request.filters);
  return displayGraph(shown, request.updates, reduction);
}

/** One drawing from the holders' parts; a context shown by several takes their most urgent colour. */
function merge(parts: Iterable<DisplayGraph>): DisplayGraph {
  const nodes = new Map<string, DisplayNode>();
  const edges = new Map<string, DisplayEdge>();
  for (const part of parts) {
    for (const [id, node] of part.nodes) {
      const old = nodes.get(id);
      nodes.set(id, old === undefined || mostUrgent(old.update, node.update) === node.update ? node : old);
    }
    for (const [id, edge] of part.edges) edges.set(id, edge);
  }
  return { nodes, edges };
}

/** The nodes and edges of `full` that the given parts name. */
function pick(full: DisplayGraph, parts: readonly (DisplayGraph | undefined)[]): DisplayGraph {
  const nodes = new Map<string, DisplayNode>();
  const edges = new Map<string, DisplayEdge>();
  for (const part of parts) {
    for (const id of part?.nodes.keys() ?? []) {
      const node = full.nodes.get(id);
      if (node !== undefined) nodes.set(id, node);
    }
    for (const id of part?.edges.keys() ?? []) {
      const edge = full.edges.get(id);
      if (edge !== undefined) edges.set(id, edge);
    }
  }
  return { nodes, edges };
}
