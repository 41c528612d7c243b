// Model → what is drawn. Contexts and groups (namespaces, compose projects) become compound
// nodes; workloads, instances and images are drawn inside the innermost one, images as leaves.
// An image that runs in two namespaces is drawn once in each, so every compound can be laid out
// on its own (layout.ts) and no edge crosses a namespace.
//
// Every label is plain text drawn on the canvas by Cytoscape: untrusted names (pods, labels, tags)
// never become HTML.
import type { ElementDefinition } from 'cytoscape';
import type { GraphNode, NodeId } from '../../../internal/graph/types.js';
import type { Frame, GraphLayout } from './layout.js';
import type { Placement } from './placements.js';
import type {
  DisplayEdge,
  DisplayGraph,
  DisplayNode,
  DisplayRole,
  GraphFilters,
  ImageUpdateState,
  Position,
  UpdateClass,
} from './types.js';
import { isOutdated, mostUrgent, updateClassOf } from './update-class.js';

/** What is folded away to keep the drawing readable (reduce.ts chooses it). */
export interface Reduction {
  /** Pods of a workload are drawn as the workload alone ("web · 12 pods"). */
  readonly collapsePods: boolean;
  /** Groups drawn as one node ("team-a · 40 images"). */
  readonly collapsedGroups: ReadonlySet<NodeId>;
}

export const NO_REDUCTION: Reduction = { collapsePods: false, collapsedGroups: new Set() };

const MAX_LABEL = 32;

/** Keeps the start and the end (the tag) of a long name. */
export function shortLabel(text: string): string {
  if (text.length <= MAX_LABEL) return text;
  return `${text.slice(0, 12)}…${text.slice(text.length - (MAX_LABEL - 13))}`;
}

export function filterPlacements(
  placements: readonly Placement[],
  updates: ReadonlyMap<string, ImageUpdateState>,
  filters: GraphFilters,
): Placement[] {
  return placements.filter(
    (p) =>
      (filters.platforms.size === 0 || filters.platforms.has(p.context.platform)) &&
      (filters.groups.size === 0 || filters.groups.has((p.group ?? p.context).id)) &&
      (!filters.outdatedOnly || isOutdated(updateOf(p, updates))),
  );
}

export function displayGraph(
  placements: readonly Placement[],
  updates: ReadonlyMap<string, ImageUpdateState>,
  reduction: Reduction,
): DisplayGraph {
  const nodes = new Map<string, DisplayNode>();
  const edges = new Map<string, DisplayEdge>();
  const podsPerWorkload = new Map<string, Set<string>>();
  const imagesPerGroup = new Map<string, Set<string>>();

  // Called once per placement for every node above the image: build a node only the first time,
  // and copy it only when a more urgent image recolours it (this loop runs on every patch).
  const ensure = (id: string, make: () => DisplayNode, update: UpdateClass): void => {
    const old = nodes.get(id);
    if (old === undefined) nodes.set(id, make());
    else if (mostUrgent(old.update, update) !== old.update) nodes.set(id, { ...old, update });
  };
  const link = (source: string, target: string): void => {
    const id = `${source}→${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target });
  };
  const drawn = (node: GraphNode, role: DisplayRole, parent: string | null, update: UpdateClass) =>
    ensure(node.id, () => displayNode(node, role, parent, update), update);

  for (const placement of placements) {
    const { image, context, group, workload, instance } = placement;
    const update = updateOf(placement, updates);
    drawn(context, 'context', null, update);
    if (group !== null && reduction.collapsedGroups.has(group.id)) {
      drawn(group, 'collapsed-group', context.id, update);
      addTo(imagesPerGroup, group.id, image.id);
      continue;
    }
    if (group !== null) drawn(group, 'group', context.id, update);
    const holder = (group ?? context).id;

    let from: string | null = null;
    if (workload !== null) {
      drawn(workload, 'workload', holder, update);
      from = workload.id;
    }
    if (instance !== null && workload !== null && reduction.collapsePods) {
      addTo(podsPerWorkload, workload.id, instance.id);
    } else if (instance !== null) {
      drawn(instance, 'instance', holder, update);
      if (from !== null) link(from, instance.id);
      from = instance.id;
    }
    const imageId = `${holder}>${image.id}`;
    ensure(
      imageId,
      () => ({ ...displayNode(image, 'image', holder, update), id: imageId, ...referenceOf(image) }),
      update,
    );
    if (from !== null) link(from, imageId);
  }

  for (const [id, pods] of podsPerWorkload)
    relabel(nodes, id, `${pods.size} ${pods.size === 1 ? 'pod' : 'pods'}`);
  for (const [id, images] of imagesPerGroup) {
    relabel(nodes, id, `${images.size} ${images.size === 1 ? 'image' : 'images'}`);
  }
  return { nodes, edges };
}

/**
 * Cytoscape's element JSON. Flat on purpose: a context or group is a plain node sized to its frame
 * and drawn behind its content (layout.ts says why), so no element has a Cytoscape `parent`.
 */
export function toCytoscapeElements(display: DisplayGraph, layout: GraphLayout): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of display.nodes.values()) {
    elements.push(nodeElement(node, layout.positions.get(node.id), layout.frames.get(node.id)));
  }
  for (const edge of display.edges.values()) elements.push(edgeElement(edge));
  return elements;
}

export function nodeElement(
  node: DisplayNode,
  position: Position | undefined,
  frame?: Frame,
): ElementDefinition {
  const at = frame === undefined ? position : { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
  return {
    group: 'nodes',
    data: {
      id: node.id,
      label: node.label,
      role: node.role,
      update: node.update,
      ...(frame === undefined ? {} : { width: frame.width, height: frame.height }),
      ...(node.reference === undefined ? {} : { reference: node.reference }),
    },
    classes: `${node.role} ${node.update}`,
    ...(at === undefined ? {} : { position: { x: at.x, y: at.y } }),
  };
}

export function edgeElement(edge: DisplayEdge): ElementDefinition {
  return { group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target } };
}

function updateOf(placement: Placement, updates: ReadonlyMap<string, ImageUpdateState>): UpdateClass {
  const image = placement.image;
  if (image.kind !== 'image' || image.reference === undefined) return 'unknown';
  return updateClassOf(updates.get(image.reference));
}

function displayNode(
  node: GraphNode,
  role: DisplayRole,
  parent: string | null,
  update: UpdateClass,
): DisplayNode {
  const label = shortLabel(node.name);
  return {
    id: node.id,
    role,
    parent,
    name: node.name,
    label,
    platform: node.platform,
    update,
    source: node.id,
  };
}

function referenceOf(image: GraphNode): { reference?: string } {
  return image.kind === 'image' && image.reference !== undefined ? { reference: image.reference } : {};
}

function relabel(nodes: Map<string, DisplayNode>, id: string, count: string): void {
  const node = nodes.get(id);
  if (node !== undefined) nodes.set(id, { ...node, label: `${node.label} · ${count}` });
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  set.add(value);
}
