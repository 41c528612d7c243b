// The graph of what runs where, held once for the whole window: the live feed (live-feed.ts) resets
// it from each snapshot and applies each numbered patch in order; the graph view, and whatever else
// needs to know where an image runs, read `model` and hear what changed.
import type { Snapshot } from '../../../internal/api/contract.js';
import type { GraphPatch, NodeId } from '../../../internal/graph/types.js';
import { GraphState } from '../graph/graph-state.js';

export type GraphChange =
  /** A new snapshot replaced everything (first load, a sequence gap, a graph reset). */
  | { readonly type: 'snapshot' }
  /** Patches were applied; only these holders' images changed. */
  | { readonly type: 'patch'; readonly holders: ReadonlySet<NodeId> };

export class GraphStore {
  /** The graph and where each image runs. Read it; only the live feed changes it. */
  readonly model = new GraphState();
  /** Why the last snapshot could not be fetched, while the graph may be out of date. */
  error: string | null = $state(null);
  #sequence: number | null = null;
  readonly #listeners = new Set<(change: GraphChange) => void>();
  readonly #refetch: () => Promise<void>;

  /** `refetch`: asks the live feed for a new snapshot. */
  constructor(refetch: () => Promise<void>) {
    this.#refetch = refetch;
  }

  /** The sequence `model` is at; null before the first snapshot, or after a patch that did not fit. */
  get sequence(): number | null {
    return this.#sequence;
  }

  subscribe(listener: (change: GraphChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Fetches a new snapshot (the retry of an error). */
  retry(): Promise<void> {
    return this.#refetch();
  }

  /** The live feed's side: a snapshot. */
  reset(sequence: number, graph: Snapshot['graph']): void {
    this.model.reset(graph);
    this.#sequence = sequence;
    this.error = null;
    this.#tell({ type: 'snapshot' });
  }

  /** The live feed's side: the patches numbered `sequence`. Throws when they do not fit the graph. */
  apply(sequence: number, patches: readonly GraphPatch[]): void {
    let holders: Set<NodeId>;
    try {
      holders = this.model.apply(patches);
    } catch (error) {
      this.#sequence = null; // part of them may be applied: only a snapshot says what the graph is
      throw error;
    }
    this.#sequence = sequence;
    this.#tell({ type: 'patch', holders });
  }

  /** The live feed's side: a snapshot could not be fetched. */
  failed(message: string): void {
    this.error = message;
  }

  #tell(change: GraphChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }
}
