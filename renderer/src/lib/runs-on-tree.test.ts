import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../internal/graph/types.js';
import { runsOnRows } from './runs-on-tree.js';

const P = 'kubernetes:prod';
const nodes: GraphNode[] = [
  {
    id: `${P}/image/nginx`,
    kind: 'image',
    platform: P,
    name: 'nginx:1.25',
    reference: 'docker.io/library/nginx:1.25',
  },
  {
    id: `${P}/container/web-a/nginx`,
    kind: 'container',
    platform: P,
    name: 'nginx',
    role: 'container',
    state: 'running',
  },
  {
    id: `${P}/container/web-b/nginx`,
    kind: 'container',
    platform: P,
    name: 'nginx',
    role: 'container',
    state: 'waiting',
  },
  { id: `${P}/pod/web-a`, kind: 'pod', platform: P, name: 'web-a', namespace: 'shop', phase: 'Running' },
  { id: `${P}/pod/web-b`, kind: 'pod', platform: P, name: 'web-b', namespace: 'shop', phase: 'Pending' },
  { id: `${P}/namespace/shop`, kind: 'namespace', platform: P, name: 'shop' },
  { id: `${P}/kube-context`, kind: 'kube-context', platform: P, name: 'prod' },
];
const edges: GraphEdge[] = [
  { from: `${P}/image/nginx`, to: `${P}/container/web-a/nginx` },
  { from: `${P}/image/nginx`, to: `${P}/container/web-b/nginx` },
  { from: `${P}/container/web-b/nginx`, to: `${P}/pod/web-b` },
  { from: `${P}/container/web-a/nginx`, to: `${P}/pod/web-a` },
  { from: `${P}/pod/web-a`, to: `${P}/namespace/shop` },
  { from: `${P}/pod/web-b`, to: `${P}/namespace/shop` },
  { from: `${P}/namespace/shop`, to: `${P}/kube-context` },
];

describe('runsOnRows', () => {
  it('indents from the platform root down to the image, children by name', () => {
    const rows = runsOnRows(nodes, edges).map(
      ({ node, depth }) => `${'  '.repeat(depth)}${node.kind} ${node.name}`,
    );
    expect(rows).toEqual([
      'kube-context prod',
      '  namespace shop',
      '    pod web-a',
      '      container nginx',
      '        image nginx:1.25',
      '    pod web-b',
      '      container nginx',
    ]);
  });

  it('survives a cycle and edges to unknown nodes', () => {
    const a: GraphNode = { id: 'a', kind: 'namespace', platform: P, name: 'a' };
    const b: GraphNode = { id: 'b', kind: 'namespace', platform: P, name: 'b' };
    const c: GraphNode = { id: 'c', kind: 'kube-context', platform: P, name: 'c' };
    const rows = runsOnRows(
      [a, b, c],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'c', to: 'missing' },
      ],
    );
    expect(rows.map((r) => r.node.id)).toEqual(['c']);
  });
});
