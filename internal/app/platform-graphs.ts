// Every platform's graph, kept apart (node ids carry their platform, so they never collide) and
// indexed by image reference: the same image may run on several platforms, and the core checks
// it once. A `graph` event replaces that platform's graph (the difference goes out as patches); a
// `patch` event is applied as is.
import { Graph, diff } from '../graph/graph.js';
import type { GraphEdge, GraphNode, GraphPatch, ImageNode, NodeId, PlatformId } from '../graph/types.js';

/** An image node with no reference (e.g. a container started from a bare image id). */
export interface UnresolvableImage {
  readonly platform: PlatformId;
  readonly nodeId: NodeId;
  readonly name: string;
  readonly reason: string;
}

/** One place where a reference runs: its platform's graph and the image node there. */
export interface ImagePlace {
  readonly graph: Graph;
  readonly node: ImageNode;
}

interface PlatformEntry {
  readonly graph: Graph;
  readonly references: ReadonlyMap<string, readonly ImageNode[]>;
  readonly unresolvable: readonly UnresolvableImage[];
}

export class PlatformGraphs {
  readonly #platforms = new Map<PlatformId, PlatformEntry>();

  /** Replaces a platform's graph; returns the patches from the old one. Throws on a dangling edge. */
  replace(platform: PlatformId, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphPatch[] {
    const next = Graph.from(nodes, edges);
    const patches = diff(this.#platforms.get(platform)?.graph ?? new Graph(), next);
    this.#platforms.set(platform, index(next));
    return patches;
  }

  /** Applies a platform's patches. Throws on a patch that names a missing node (the graph keeps what applied). */
  patch(platform: PlatformId, patches: readonly GraphPatch[]): void {
    const graph = this.#platforms.get(platform)?.graph ?? new Graph();
    try {
      graph.apply(patches);
    } finally {
      this.#platforms.set(platform, index(graph));
    }
  }

  /** Drops a platform (after its graph was replaced by an empty one). */
  forget(platform: PlatformId): void {
    this.#platforms.delete(platform);
  }

  graphOf(platform: PlatformId): Graph | undefined {
    return this.#platforms.get(platform)?.graph;
  }

  /** Every place `reference` runs, over all platforms. */
  places(reference: string): ImagePlace[] {
    const places: ImagePlace[] = [];
    for (const { graph, references } of this.#platforms.values()) {
      for (const node of references.get(reference) ?? []) places.push({ graph, node });
    }
    return places;
  }

  unresolvable(): UnresolvableImage[] {
    return [...this.#platforms.values()].flatMap((entry) => entry.unresolvable);
  }

  /** All platforms' nodes and edges, as one graph for the UI. */
  snapshot(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const entries = [...this.#platforms.values()];
    return {
      nodes: entries.flatMap((entry) => [...entry.graph.nodes()]),
      edges: entries.flatMap((entry) => [...entry.graph.edges()]),
    };
  }
}

function index(graph: Graph): PlatformEntry {
  const references = new Map<string, ImageNode[]>();
  const unresolvable: UnresolvableImage[] = [];
  for (const node of graph.nodes()) {
    if (node.kind !== 'image') continue;
    if (node.reference === undefined) {
      const reason = node.unresolvable ?? 'the runtime reported no image reference';
      unresolvable.push({ platform: node.platform, nodeId: node.id, name: node.name, reason });
      continue;
    }
    const list = references.get(node.reference);
    if (list === undefined) references.set(node.reference, [node]);
    else list.push(node);
  }
  return { graph, references, unresolvable };
}
