// The renderer's one copy of the graph: the core's Graph (internal/graph) with where each image
// runs, split by holder (the namespace, compose project or context an image is drawn in), so a
// patch tells which holders it touched and the view redraws only those. Patch application is the
// core's own Graph, so the renderer and the core cannot disagree about what a patch means. The graph
// store (stores/graph.svelte.ts) owns the one instance; the view and any other reader only read it.
import type { Snapshot } from '../../../internal/api/contract.js';
import { Graph } from '../../../internal/graph/graph.js';
import { link, unlink } from '../../../internal/graph/multimap.js';
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
  /** Per image reference: its image nodes (one per platform that runs it). */
  readonly #byReference = new Map<string, Set<NodeId>>();

  reset(graph: Snapshot['graph']): void {
    this.#graph = Graph.from(graph.nodes, graph.edges);
    this.#byImage.clear();
    this.#byHolder.clear();
    this.#byReference.clear();
    const everything = new Set<NodeId>(); // a reset redraws it all: which holders changed is moot
    for (const node of this.#graph.nodes()) this.#place(node.id, everything);
  }

  /**
   * Applies the patches and returns the holders whose images changed. Throws when they do not fit
   * the graph (an edge to a missing node): what it holds is then unknown until the next reset.
   */
  apply(patches: readonly GraphPatch[]): Set<NodeId> {
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
    const changed = new Set<NodeId>();
    for (const id of touched) this.#place(id, changed);
    return changed;
  }

  /** The holders that show `reference` (its check result arrived: they are recoloured). */
  holdersShowing(reference: string): Set<NodeId> {
    const holders = new Set<NodeId>();
    for (const image of this.#byReference.get(reference) ?? []) {
      for (const placement of this.#byImage.get(image) ?? []) holders.add(holderOf(placement));
    }
    return holders;
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

  /** Places node `id` anew (nowhere when it is gone or no image); adds the holders it left or entered to `changed`. */
  #place(id: NodeId, changed: Set<NodeId>): void {
    const before = this.#byImage.get(id) ?? [];
    for (const old of before) {
      unlink(this.#byHolder, holderOf(old), id);
      changed.add(holderOf(old));
    }
    const placements = imagePlacements(this.#graph, id);
    // Re-indexed only when the reference changes (it starts or stops running, or gets one): this
    // runs for every image below every patch.
    const was = referenceOf(before[0]);
    const is = referenceOf(placements[0]);
    if (was !== is) {
      if (was !== undefined) unlink(this.#byReference, was, id);
      if (is !== undefined) link(this.#byReference, is, id);
    }
    if (placements.length === 0) {
      this.#byImage.delete(id);
      return;
    }
    this.#byImage.set(id, placements);
    for (const placement of placements) {
      const holder = holderOf(placement);
      link(this.#byHolder, holder, id);
      changed.add(holder);
    }
  }
}

function referenceOf(placement: Placement | undefined): string | undefined {
  return placement?.image.kind === 'image' ? placement.image.reference : undefined;
}

function options(all: readonly FilterOption[]): FilterOption[] {
  const byId = new Map(all.map((option) => [option.id, option]));
  return [...byId.values()].sort((a, b) => compareText(a.label, b.label));
}
