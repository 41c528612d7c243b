import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';
import { effectiveRules } from './effective-rules.js';

const P = 'kubernetes:prod';
function node(
  kind: 'namespace' | 'deployment' | 'pod' | 'container' | 'image',
  name: string,
  labels?: Record<string, string>,
): GraphNode {
  const base = { id: `${P}/${kind}/${name}`, platform: P, name, labels };
  switch (kind) {
    case 'image':
      return { ...base, kind, reference: `docker.io/library/${name}` };
    case 'container':
      return { ...base, kind, role: 'container', state: 'running' };
    case 'pod':
      return { ...base, kind, namespace: 'web', phase: 'Running' };
    case 'deployment':
      return { ...base, kind, namespace: 'web' };
    case 'namespace':
      return { ...base, kind };
  }
}

/** image → container → pod → deployment → namespace, with labels where given. */
function chain(
  labels: Partial<Record<'namespace' | 'deployment' | 'pod' | 'container', Record<string, string>>>,
  suffix = '',
): GraphNode[] {
  return [
    node('image', 'nginx:1.25'),
    node('container', `nginx${suffix}`, labels.container),
    node('pod', `web${suffix}`, labels.pod),
    node('deployment', `web${suffix}`, labels.deployment),
    node('namespace', `web${suffix}`, labels.namespace),
  ];
}

function graphOf(...chains: GraphNode[][]): Graph {
  const graph = new Graph();
  for (const nodes of chains) {
    for (const n of nodes) graph.setNode(n);
    for (let i = 0; i + 1 < nodes.length; i++) graph.addEdge({ from: nodes[i]!.id, to: nodes[i + 1]!.id });
  }
  return graph;
}

const imageId = `${P}/image/nginx:1.25`;

describe('effectiveRules', () => {
  it('applies a rule on a deployment to the images of its pods', () => {
    const graph = graphOf(chain({ deployment: { 'config.cupdate/pin': 'true' } }));
    expect(effectiveRules(graph, imageId)).toMatchObject({ ignored: false, rules: { pin: true } });
  });

  it('lets the nearest node win: a pod label overrides its namespace', () => {
    const graph = graphOf(
      chain({ namespace: { 'config.cupdate/pin': 'true' }, pod: { 'config.cupdate/pin': 'false' } }),
    );
    expect(effectiveRules(graph, imageId).rules.pin).toBe(false);
  });

  it('ignores the subtree under an ignored namespace', () => {
    const graph = graphOf(chain({ namespace: { 'config.cupdate/ignore': 'true' } }));
    expect(effectiveRules(graph, imageId).ignored).toBe(true);
  });

  it('keeps an image that is ignored in one place but runs in another', () => {
    const graph = graphOf(chain({ namespace: { 'config.cupdate/ignore': 'true' } }), chain({}, '-2'));
    expect(effectiveRules(graph, imageId).ignored).toBe(false);
  });

  it('applies the strictest rules when an image runs in two places', () => {
    const graph = graphOf(
      chain({ deployment: { 'config.cupdate/stay-below': '2' } }),
      chain(
        {
          deployment: { 'config.cupdate/stay-below': '1.30', 'config.cupdate/stay-on-current-major': 'true' },
        },
        '-2',
      ),
    );
    expect(effectiveRules(graph, imageId).rules).toMatchObject({
      stayBelow: '1.30',
      stayOnCurrentMajor: true,
    });
  });

  it("reads Docker spellings and per-container forms on the container's parents", () => {
    const graph = graphOf(
      chain({ pod: { 'cupdate.config.pin.nginx': 'true', 'cupdate.config.pin.sidecar': 'false' } }),
    );
    expect(effectiveRules(graph, imageId).rules.pin).toBe(true);
  });

  it('reports a malformed label with the node that carries it, and still applies the others', () => {
    const graph = graphOf(
      chain({ deployment: { 'config.cupdate/stay-below': 'abc', 'config.cupdate/pin': 'true' } }),
    );
    const result = effectiveRules(graph, imageId);
    expect(result.rules.pin).toBe(true);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/deployment web: .*stay-below.*abc/);
  });
});
