// An in-memory graph of typed nodes and child → parent edges, with the operations the core needs:
// apply patches, walk up ("where does this image run?") and down, cut a subgraph, and diff two
// graphs into the patches that turn one into the other.
import type { GraphEdge, GraphNode, GraphPatch, NodeId } from './types.js';
import { sameData } from './same-data.js';
import { link, unlink } from './multimap.js';

export function edgeKey(edge: GraphEdge): string {
  return `${edge.from}\u0000${edge.to}`;
}

export class Graph {
  readonly #nodes = new Map<NodeId, GraphNode>();
  readonly #edges = new Map<string, GraphEdge>();
  readonly #parents = new Map<NodeId, Set<NodeId>>();
  readonly #children = new Map<NodeId, Set<NodeId>>();

  static from(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>): Graph {
    const graph = new Graph();
    for (const node of nodes) graph.setNode(node);
    for (const edge of edges) graph.addEdge(edge);
    return graph;
  }

  get size(): number {
    return this.#nodes.size;
  }

  node(id: NodeId): GraphNode | undefined {
    return this.#nodes.get(id);
  }

  has(id: NodeId): boolean {
    return this.#nodes.has(id);
  }

  nodes(): IterableIterator<GraphNode> {
    return this.#nodes.values();
  }

  edges(): IterableIterator<GraphEdge> {
    return this.#edges.values();
  }

  hasEdge(edge: GraphEdge): boolean {
    return this.#edges.has(edgeKey(edge));
  }

  /** Adds or replaces a node (its edges stay). */
  setNode(node: GraphNode): void {
    this.#nodes.set(node.id, node);
  }

  /** Removes a node and every edge that touches it. */
  removeNode(id: NodeId): void {
    if (!this.#nodes.delete(id)) return;
    for (const parent of this.#parents.get(id) ?? []) this.removeEdge({ from: id, to: parent });
    for (const child of this.#children.get(id) ?? []) this.removeEdge({ from: child, to: id });
    this.#parents.delete(id);
    this.#children.delete(id);
  }

  /**
   * Adds an edge between two nodes. An edge whose ends are not (yet) in the graph is an error:
   * platforms emit nodes before the edges that join them, and a dangling edge would make every
   * walk lie about where an image runs.
   */
  addEdge(edge: GraphEdge): void {
    if (!this.#nodes.has(edge.from) || !this.#nodes.has(edge.to)) {
      throw new Error(`graph edge ${edge.from} → ${edge.to} names a node that is not in the graph`);
    }
    const key = edgeKey(edge);
    if (this.#edges.has(key)) return;
    this.#edges.set(key, edge);
    link(this.#parents, edge.from, edge.to);
    link(this.#children, edge.to, edge.from);
  }

  removeEdge(edge: GraphEdge): void {
    if (!this.#edges.delete(edgeKey(edge))) return;
    unlink(this.#parents, edge.from, edge.to);
    unlink(this.#children, edge.to, edge.from);
  }

  parentsOf(id: NodeId): NodeId[] {
    return [...(this.#parents.get(id) ?? [])];
  }

  childrenOf(id: NodeId): NodeId[] {
    return [...(this.#children.get(id) ?? [])];
  }

  /** Every node above `id` (what it runs in), nearest first (breadth-first). */
  ancestors(id: NodeId): NodeId[] {
    return this.#walk(id, this.#parents);
  }

  /** Every node below `id` (what runs in it), nearest first. */
  descendants(id: NodeId): NodeId[] {
    return this.#walk(id, this.#children);
  }

  /** The nodes `ids` plus everything above and below them, with the edges among those nodes. */
  subgraph(ids: Iterable<NodeId>): Graph {
    const keep = new Set<NodeId>();
    for (const id of ids) {
      if (!this.#nodes.has(id)) continue;
      keep.add(id);
      for (const other of this.ancestors(id)) keep.add(other);
      for (const other of this.descendants(id)) keep.add(other);
    }
    const nodes = [...keep].map((id) => this.#nodes.get(id)!);
    const edges = [...this.#edges.values()].filter((e) => keep.has(e.from) && keep.has(e.to));
    return Graph.from(nodes, edges);
  }

  apply(patches: Iterable<GraphPatch>): void {
    for (const patch of patches) {
      switch (patch.op) {
        case 'add-node':
        case 'update-node':
          this.setNode(patch.node);
          break;
        case 'remove-node':
          this.removeNode(patch.id);
          break;
        case 'add-edge':
          this.addEdge(patch.edge);
          break;
        case 'remove-edge':
          this.removeEdge(patch.edge);
          break;
      }
    }
  }

  #walk(start: NodeId, next: Map<NodeId, Set<NodeId>>): NodeId[] {
    const seen = new Set<NodeId>([start]);
    const order: NodeId[] = [];
    let frontier = [start];
    while (frontier.length > 0) {
      const following: NodeId[] = [];
      for (const id of frontier) {
        for (const other of next.get(id) ?? []) {
          if (seen.has(other)) continue;
          seen.add(other);
          order.push(other);
          following.push(other);
        }
      }
      frontier = following;
    }
    return order;
  }
}

/**
 * The patches that turn `before` into `after`, ordered so they can be applied one by one:
 * edges go before the nodes they touch are removed, and nodes exist before edges join them.
 */
export function diff(before: Graph, after: Graph): GraphPatch[] {
  const removeEdges: GraphPatch[] = [];
  const removeNodes: GraphPatch[] = [];
  const addNodes: GraphPatch[] = [];
  const addEdges: GraphPatch[] = [];
  for (const edge of before.edges()) {
    if (!after.hasEdge(edge)) removeEdges.push({ op: 'remove-edge', edge });
  }
  for (const node of before.nodes()) {
    if (!after.has(node.id)) removeNodes.push({ op: 'remove-node', id: node.id });
  }
  for (const node of after.nodes()) {
    const old = before.node(node.id);
    if (old === undefined) addNodes.push({ op: 'add-node', node });
    else if (!sameData(old, node)) addNodes.push({ op: 'update-node', node });
  }
  for (const edge of after.edges()) {
    if (!before.hasEdge(edge)) addEdges.push({ op: 'add-edge', edge });
  }
  return [...removeEdges, ...removeNodes, ...addNodes, ...addEdges];
}
