import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';
import { placeTags } from './place-tags.js';

const p = 'kubernetes:prod';
const nodes: GraphNode[] = [
  { id: `${p}/image/a`, kind: 'image', platform: p, name: 'a', reference: 'docker.io/library/a:1' },
  { id: `${p}/container/c`, kind: 'container', platform: p, name: 'c', role: 'container', state: 'running' },
  { id: `${p}/pod/x`, kind: 'pod', platform: p, name: 'x', namespace: 'shop', phase: 'Running' },
  { id: `${p}/namespace/shop`, kind: 'namespace', platform: p, name: 'shop' },
  { id: `${p}/compose-project/blog`, kind: 'compose-project', platform: p, name: 'blog' },
];

describe('placeTags', () => {
  it('names the platform, the namespaces and compose projects above the image', () => {
    const graph = Graph.from(nodes, [
      { from: `${p}/image/a`, to: `${p}/container/c` },
      { from: `${p}/container/c`, to: `${p}/pod/x` },
      { from: `${p}/pod/x`, to: `${p}/namespace/shop` },
      { from: `${p}/container/c`, to: `${p}/compose-project/blog` },
    ]);
    expect(placeTags(graph, `${p}/image/a`).sort()).toEqual([
      'namespace:shop',
      'platform:kubernetes:prod',
      'project:blog',
    ]);
  });

  it('gives nothing for a node that is not in the graph', () => {
    expect(placeTags(new Graph(), 'nope')).toEqual([]);
  });
});
