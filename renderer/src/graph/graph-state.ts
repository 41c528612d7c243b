// The model the view draws from: the live state's snapshot graph with the patches applied since,
// split by holder (the namespace, compose project or context an image is drawn in) so a patch
// redraws only the holders it touched. Patch application is the core's own Graph
// (internal/graph), so the renderer and the core cannot disagree about what a patch means.
import type { Snapshot } from '../../../internal/api/contract.js';
import { Graph } from '../../../internal/graph/graph.js';
import type { GraphPatch, NodeId } from '../../../internal/graph/types.js';
import { compareText } from '../../../internal/model/compare-text.js';
import { holderOf, imagePlacements, type Placement } from './placements.js';

export interface FilterOption {
  readonly id: string;
  readonly label: string;
}

export class GraphState {
  #graph = new Graph();
  /** Per image node: where it runs. */
  readonly #byImage = new Map<NodeId, Placement[]>();
  /** Per holder: the images drawn in it. */
  readonly #byHolder = new Map<NodeId, Set<NodeId>>();
  /** Holders whose placements changed since `takeChangedHolders()`. */
  #changed = new Set<NodeId>();

  reset(graph: Snapshot['graph']): void {
    this.#graph = Graph.from(graph.nodes, graph.edges);
    this.#byImage.clear();
    this.#byHolder.clear();
    for (const node of this.#graph.nodes()) this.#place(node.id);
    this.#changed.clear();
  }

  /** Throws when the patches do not fit the graph (an edge to a missing node): reset from a snapshot. */
  apply(patches: readonly GraphPatch[]): void {
    const touched = new Set<NodeId>();
    // The images below a node: before a patch (a removal cuts the way down) and after it.
    const below = (id: NodeId) => {
      touched.add(id);
      for (const other of this.#graph.descendants(id)) touched.add(other);
    };
    for (const patch of patches) {
      const top = patch.op === 'remove-node' ? patch.id : 'node' in patch ? patch.node.id : patch.edge.from;
      below(top);
      this.#graph.apply([patch]);
      if (this.#graph.has(top)) below(top);
    }
    for (const id of touched) this.#place(id);
  }

  /** Marks the holders showing `reference` as changed (its check result arrived). */
  imageUpdated(reference: string): void {
    for (const placements of this.#byImage.values()) {
      for (const p of placements)
        if (p.image.kind === 'image' && p.image.reference === reference) this.#changed.add(holderOf(p));
    }
  }

  takeChangedHolders(): Set<NodeId> {
    const changed = this.#changed;
    this.#changed = new Set();
    return changed;
  }

  holders(): IterableIterator<NodeId> {
    return this.#byHolder.keys();
  }

  placementsIn(holder: NodeId): Placement[] {
    return [...(this.#byHolder.get(holder) ?? [])].flatMap((image) => this.#byImage.get(image) ?? []);
  }

  get placements(): Placement[] {
    return [...this.#byImage.values()].flat();
  }

  platforms(): FilterOption[] {
    return options(this.placements.map((p) => ({ id: p.context.platform, label: p.context.platform })));
  }

  /** Namespaces and compose projects (and contexts for what runs outside of one). */
  groups(): FilterOption[] {
    return options(
      this.placements.map(({ group, context }) => ({
        id: (group ?? context).id,
        label: group === null ? context.name : `${context.name} / ${group.name}`,
      })),
    );
  }

  #place(id: NodeId): void {
    for (const old of this.#byImage.get(id) ?? []) this.#unlink(holderOf(old), id);
    const placements = imagePlacements(this.#graph, id);
    if (placements.length === 0) this.#byImage.delete(id);
    else this.#byImage.set(id, placements);
    for (const placement of placements) {
      const holder = holderOf(placement);
      let images = this.#byHolder.get(holder);
      if (images === undefined) this.#byHolder.set(holder, (images = new Set()));
      images.add(id);
      this.#changed.add(holder);
    }
  }

  #unlink(holder: NodeId, image: NodeId): void {
    const images = this.#byHolder.get(holder);
    images?.delete(image);
    if (images?.size === 0) this.#byHolder.delete(holder);
    this.#changed.add(holder);
  }
}

function options(all: readonly FilterOption[]): FilterOption[] {
  const byId = new Map(all.map((option) => [option.id, option]));
  return [...byId.values()].sort((a, b) => compareText(a.label, b.label));
}
