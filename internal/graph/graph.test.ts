import { describe, expect, it } from 'vitest';
import { Graph, diff } from './graph.js';
import type { GraphEdge, GraphNode } from './types.js';

const P = 'kubernetes:prod';
const image: GraphNode = { id: `${P}/image/nginx`, kind: 'image', platform: P, name: 'nginx:1.25' };
const container: GraphNode = {
  id: `${P}/container/web/web-1/nginx`,
  kind: 'container',
  platform: P,
  name: 'nginx',
  role: 'container',
  state: 'running',
};
const pod: GraphNode = {
  id: `${P}/pod/web/web-1`,
  kind: 'pod',
  platform: P,
  name: 'web-1',
  namespace: 'web',
  phase: 'Running',
};
const ns: GraphNode = { id: `${P}/namespace/web`, kind: 'namespace', platform: P, name: 'web' };
const ctx: GraphNode = { id: P, kind: 'kube-context', platform: P, name: 'prod' };
const chain: GraphEdge[] = [
  { from: image.id, to: container.id },
  { from: container.id, to: pod.id },
  { from: pod.id, to: ns.id },
  { from: ns.id, to: ctx.id },
];

function estate(): Graph {
  return Graph.from([image, container, pod, ns, ctx], chain);
}

function snapshot(graph: Graph): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const byEnds = (a: GraphEdge, b: GraphEdge) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`);
  return { nodes: [...graph.nodes()].sort(byId), edges: [...graph.edges()].sort(byEnds) };
}

describe('Graph', () => {
  it('walks up from an image to its context, nearest first', () => {
    expect(estate().ancestors(image.id)).toEqual([container.id, pod.id, ns.id, ctx.id]);
  });

  it('walks down from a namespace to everything that runs in it', () => {
    expect(estate().descendants(ns.id)).toEqual([pod.id, container.id, image.id]);
  });

  it('removing a node removes the edges that touch it, so walks stop there', () => {
    const graph = estate();
    graph.removeNode(pod.id);
    expect(graph.ancestors(image.id)).toEqual([container.id]);
    expect(graph.hasEdge({ from: pod.id, to: ns.id })).toBe(false);
    expect(graph.childrenOf(ns.id)).toEqual([]);
  });

  it('rejects an edge to a node that is not in the graph', () => {
    const graph = Graph.from([image], []);
    expect(() => graph.addEdge({ from: image.id, to: container.id })).toThrow(/not in the graph/);
  });

  it('cuts the subgraph of one image: where it runs, and nothing else', () => {
    const other: GraphNode = { ...image, id: `${P}/image/redis`, name: 'redis:7' };
    const graph = estate();
    graph.setNode(other);
    const sub = graph.subgraph([image.id]);
    expect(sub.has(other.id)).toBe(false);
    expect(sub.size).toBe(5);
    expect([...sub.edges()]).toHaveLength(4);
  });
});

describe('diff', () => {
  it('is empty for equal graphs even when label order differs', () => {
    const a = Graph.from([{ ...pod, labels: { a: '1', b: '2' } }], []);
    const b = Graph.from([{ ...pod, labels: { b: '2', a: '1' } }], []);
    expect(diff(a, b)).toEqual([]);
  });

  it('reports a changed node as one update', () => {
    const after = estate();
    after.setNode({ ...pod, phase: 'Succeeded' } as GraphNode);
    expect(diff(estate(), after)).toEqual([{ op: 'update-node', node: { ...pod, phase: 'Succeeded' } }]);
  });

  it('orders patches so that applying them one by one never leaves a dangling edge', () => {
    const after = estate();
    after.removeNode(pod.id);
    const newPod: GraphNode = { ...pod, id: `${P}/pod/web/web-2`, name: 'web-2' };
    after.setNode(newPod);
    after.addEdge({ from: container.id, to: newPod.id });
    after.addEdge({ from: newPod.id, to: ns.id });
    const patches = diff(estate(), after);
    expect(patches.map((p) => p.op)).toEqual([
      'remove-edge',
      'remove-edge',
      'remove-node',
      'add-node',
      'add-edge',
      'add-edge',
    ]);
    const replay = estate();
    replay.apply(patches);
    expect(snapshot(replay)).toEqual(snapshot(after));
  });

  it('turns any graph into any other (200 random pairs)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const randomGraph = () => {
      const nodes: GraphNode[] = [];
      for (let i = 0; i < 12; i++) {
        if (random() < 0.6) nodes.push({ ...ns, id: `n${i}`, name: random() < 0.5 ? 'a' : 'b' });
      }
      const edges: GraphEdge[] = [];
      for (const from of nodes)
        for (const to of nodes) if (from !== to && random() < 0.15) edges.push({ from: from.id, to: to.id });
      return Graph.from(nodes, edges);
    };
    for (let round = 0; round < 200; round++) {
      const before = randomGraph();
      const after = randomGraph();
      const replay = Graph.from(before.nodes(), before.edges());
      replay.apply(diff(before, after));
      expect(snapshot(replay)).toEqual(snapshot(after));
    }
  });
});
