import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../graph/types.js';
import { RefCountedGraph } from './ref-counted-graph.js';

const ns = (labels?: Record<string, string>): GraphNode => ({
  id: 'p/namespace/a',
  kind: 'namespace',
  platform: 'p',
  name: 'a',
  ...(labels ? { labels } : {}),
});
const pod = (name: string): GraphNode => ({
  id: `p/pod/a/${name}`,
  kind: 'pod',
  platform: 'p',
  name,
  namespace: 'a',
  phase: 'Running',
});
const part = (name: string, namespace = ns()) => ({
  nodes: [pod(name), namespace],
  edges: [{ from: `p/pod/a/${name}`, to: namespace.id }],
});

describe('RefCountedGraph', () => {
  it('keeps a shared node while any part uses it and removes it with the last', () => {
    const graph = new RefCountedGraph();
    graph.add(part('x'));
    graph.add(part('y'));
    graph.snapshot();
    graph.remove(part('x'));
    expect(graph.takePatches()).toEqual([
      { op: 'remove-edge', edge: { from: 'p/pod/a/x', to: 'p/namespace/a' } },
      { op: 'remove-node', id: 'p/pod/a/x' },
    ]);
    graph.remove(part('y'));
    expect(graph.takePatches().map((patch) => patch.op)).toEqual([
      'remove-edge',
      'remove-node',
      'remove-node',
    ]);
  });

  it('turns a rebuilt part into an update, not a remove and add', () => {
    const graph = new RefCountedGraph();
    graph.add(part('x'));
    graph.snapshot();
    const rebuilt = part('x', ns({ team: 'blue' }));
    graph.add(rebuilt);
    graph.remove(part('x'));
    expect(graph.takePatches()).toEqual([{ op: 'update-node', node: ns({ team: 'blue' }) }]);
    expect(graph.snapshot().nodes).toContainEqual(ns({ team: 'blue' }));
  });

  it('emits nothing for a change that is undone within the batch', () => {
    const graph = new RefCountedGraph();
    graph.snapshot();
    graph.add(part('x'));
    graph.remove(part('x'));
    expect(graph.takePatches()).toEqual([]);
  });
});
