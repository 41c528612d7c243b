// A graph assembled from overlapping contributions (many pods share an image, a replicaset, a
// namespace): each node and edge is counted, exists while its count is above zero, and changes
// since the last `takePatches()` come out as the patches that turn the old graph into the new one.
import { edgeKey } from '../../graph/graph.js';
import { sameData } from '../../graph/same-data.js';
import type { GraphEdge, GraphNode, GraphPatch, NodeId } from '../../graph/types.js';

export interface GraphPart {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export class RefCountedGraph {
  readonly #nodes = new Map<NodeId, { node: GraphNode; count: number }>();
  // from → to → edge: nested maps rather than one map keyed by `from + to`, which would hold a
  // second copy of both ids per edge (tens of MB on a 20,000-pod cluster).
  readonly #edges = new Map<NodeId, Map<NodeId, { edge: GraphEdge; count: number }>>();
  // What each touched node/edge was when the current batch began (undefined: absent).
  readonly #nodesBefore = new Map<NodeId, GraphNode | undefined>();
  readonly #edgesBefore = new Map<string, { readonly edge: GraphEdge; readonly existed: boolean }>();
  // Nothing to diff against until the first snapshot went out: building it untracked saves
  // tens of thousands of map entries on a large cluster.
  #tracking = false;

  add(part: GraphPart): void {
    for (const node of part.nodes) {
      this.#touchNode(node.id);
      const entry = this.#nodes.get(node.id);
      // The newest version wins: every contribution sharing a node is rebuilt when its source changes.
      if (entry === undefined) this.#nodes.set(node.id, { node, count: 1 });
      else {
        entry.node = node;
        entry.count += 1;
      }
    }
    for (const edge of part.edges) {
      this.#touchEdge(edge);
      let targets = this.#edges.get(edge.from);
      if (targets === undefined) this.#edges.set(edge.from, (targets = new Map()));
      const entry = targets.get(edge.to);
      if (entry === undefined) targets.set(edge.to, { edge, count: 1 });
      else entry.count += 1;
    }
  }

  remove(part: GraphPart): void {
    for (const node of part.nodes) {
      this.#touchNode(node.id);
      const entry = this.#nodes.get(node.id);
      if (entry !== undefined && --entry.count === 0) this.#nodes.delete(node.id);
    }
    for (const edge of part.edges) {
      this.#touchEdge(edge);
      const targets = this.#edges.get(edge.from);
      const entry = targets?.get(edge.to);
      if (entry === undefined || --entry.count > 0) continue;
      targets!.delete(edge.to);
      if (targets!.size === 0) this.#edges.delete(edge.from);
    }
  }

  /** The whole graph; changes from here on are tracked for takePatches(). */
  snapshot(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    this.#tracking = true;
    this.#nodesBefore.clear();
    this.#edgesBefore.clear();
    return {
      nodes: [...this.#nodes.values()].map((entry) => entry.node),
      edges: [...this.#edges.values()].flatMap((targets) => [...targets.values()].map((entry) => entry.edge)),
    };
  }

  /** The changes since the last snapshot/takePatches, ordered so each can be applied in turn. */
  takePatches(): GraphPatch[] {
    const removeEdges: GraphPatch[] = [];
    const removeNodes: GraphPatch[] = [];
    const addNodes: GraphPatch[] = [];
    const addEdges: GraphPatch[] = [];
    for (const { edge, existed } of this.#edgesBefore.values()) {
      const exists = this.#edges.get(edge.from)?.has(edge.to) === true;
      if (existed && !exists) removeEdges.push({ op: 'remove-edge', edge });
      if (!existed && exists) addEdges.push({ op: 'add-edge', edge });
    }
    for (const [id, before] of this.#nodesBefore) {
      const after = this.#nodes.get(id)?.node;
      if (before !== undefined && after === undefined) removeNodes.push({ op: 'remove-node', id });
      else if (before === undefined && after !== undefined) addNodes.push({ op: 'add-node', node: after });
      else if (before !== undefined && after !== undefined && !sameData(before, after))
        addNodes.push({ op: 'update-node', node: after });
    }
    this.#nodesBefore.clear();
    this.#edgesBefore.clear();
    return [...removeEdges, ...removeNodes, ...addNodes, ...addEdges];
  }

  #touchNode(id: NodeId): void {
    if (this.#tracking && !this.#nodesBefore.has(id)) this.#nodesBefore.set(id, this.#nodes.get(id)?.node);
  }

  #touchEdge(edge: GraphEdge): void {
    if (!this.#tracking) return;
    const key = edgeKey(edge);
    if (!this.#edgesBefore.has(key))
      this.#edgesBefore.set(key, { edge, existed: this.#edges.get(edge.from)?.has(edge.to) === true });
  }
}
