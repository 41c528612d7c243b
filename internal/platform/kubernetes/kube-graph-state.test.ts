// KubeGraphState's patches, checked against the truth: after random changes (pods appearing,
// moving, changing images and owners; owners and nodes coming and going; access narrowing and
// widening), the first snapshot plus every flush's patches, applied strictly one by one, must be
// exactly the graph a fresh state builds from the same objects.
import { describe, expect, it } from 'vitest';
import { edgeKey } from '../../graph/graph.js';
import type { GraphEdge, GraphNode, GraphPatch } from '../../graph/types.js';
import { KubeGraphState } from './kube-graph-state.js';
import type { Readable } from './kube-graph-state.js';
import { KUBE_RESOURCES } from './kube-resources.js';
import type { KubeResource, ResourceName } from './kube-resources.js';

type Json = Record<string, unknown>;
const R = Object.fromEntries(KUBE_RESOURCES.map((resource) => [resource.name, resource])) as Record<
  ResourceName,
  KubeResource
>;

/** Applies patches, failing on any that does not fit the graph as the ones before left it. */
class StrictGraph {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  constructor(start: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] }) {
    for (const node of start.nodes) this.nodes.set(node.id, node);
    for (const edge of start.edges) this.edges.set(edgeKey(edge), edge);
  }

  apply(patches: readonly GraphPatch[]): void {
    for (const patch of patches) {
      const text = JSON.stringify(patch);
      switch (patch.op) {
        case 'add-node':
          expect(this.nodes.has(patch.node.id), `add of a node already there: ${text}`).toBe(false);
          this.nodes.set(patch.node.id, patch.node);
          break;
        case 'update-node':
          expect(this.nodes.has(patch.node.id), `update of a missing node: ${text}`).toBe(true);
          this.nodes.set(patch.node.id, patch.node);
          break;
        case 'remove-node':
          expect(this.nodes.has(patch.id), `removal of a missing node: ${text}`).toBe(true);
          expect(
            [...this.edges.values()].some((edge) => edge.from === patch.id || edge.to === patch.id),
            `removal of a node that still has edges: ${text}`,
          ).toBe(false);
          this.nodes.delete(patch.id);
          break;
        case 'add-edge':
          expect(this.edges.has(edgeKey(patch.edge)), `add of an edge already there: ${text}`).toBe(false);
          expect(
            this.nodes.has(patch.edge.from) && this.nodes.has(patch.edge.to),
            `dangling edge: ${text}`,
          ).toBe(true);
          this.edges.set(edgeKey(patch.edge), patch.edge);
          break;
        case 'remove-edge':
          expect(this.edges.delete(edgeKey(patch.edge)), `removal of a missing edge: ${text}`).toBe(true);
          break;
      }
    }
  }
}

function sorted(graph: { nodes: Iterable<GraphNode>; edges: Iterable<GraphEdge> }) {
  return {
    nodes: [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...graph.edges].map(edgeKey).sort(),
  };
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('KubeGraphState', () => {
  it('turns every change into patches that rebuild exactly the graph a fresh state makes', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const truth = new Map<string, { resource: ResourceName; object: Json }>();
    let readable: Readable = () => true;
    const namespaces = ['a', 'b', 'c'];
    const images = ['nginx:1.25', 'nginx:1.27', 'redis:7', 'ghcr.io/x/y:2'];

    const state = new KubeGraphState('kubernetes:t', { name: 't' });
    const consumer = new StrictGraph(state.snapshot());
    for (let round = 0; round < 300; round++) {
      for (let change = 0; change < 1 + Math.floor(next() * 6); change++) {
        const ns = pick(namespaces);
        const roll = next();
        let resource: ResourceName;
        let object: Json;
        if (roll < 0.55) {
          resource = 'pods';
          const image = pick(images);
          object = {
            metadata: {
              namespace: ns,
              name: `pod-${Math.floor(next() * 8)}`,
              labels: next() < 0.5 ? { app: pick(['x', 'y']) } : {},
              ownerReferences:
                next() < 0.8
                  ? [{ kind: 'ReplicaSet', name: `rs-${Math.floor(next() * 3)}`, controller: true }]
                  : [],
            },
            spec: {
              nodeName: pick(['n1', 'n2']),
              containers: [
                { name: 'main', image },
                ...(next() < 0.3 ? [{ name: 'side', image: pick(images) }] : []),
              ],
            },
            status: {
              phase: pick(['Running', 'Pending']),
              containerStatuses: [
                {
                  name: 'main',
                  imageID: `${image.split(':')[0]}@sha256:${'a'.repeat(64)}`,
                  state: { running: {} },
                },
              ],
            },
          };
        } else if (roll < 0.75) {
          resource = 'replicasets';
          object = {
            metadata: {
              namespace: ns,
              name: `rs-${Math.floor(next() * 3)}`,
              ownerReferences:
                next() < 0.7
                  ? [{ kind: 'Deployment', name: `d-${Math.floor(next() * 2)}`, controller: true }]
                  : [],
            },
          };
        } else if (roll < 0.85) {
          resource = 'deployments';
          object = {
            metadata: {
              namespace: ns,
              name: `d-${Math.floor(next() * 2)}`,
              labels: { team: pick(['p', 'q']) },
            },
          };
        } else if (roll < 0.95) {
          resource = 'nodes';
          object = {
            metadata: { name: pick(['n1', 'n2']) },
            status: { nodeInfo: { operatingSystem: 'linux', architecture: pick(['amd64', 'arm64']) } },
          };
        } else {
          const hidden = pick(['replicasets', 'deployments'] as const);
          const where = pick(namespaces);
          readable =
            next() < 0.5 ? () => true : (kind, namespace) => !(kind === hidden && namespace === where);
          state.setReadable(readable);
          continue;
        }
        const metadata = object['metadata'] as Json;
        const key = `${resource}/${String(metadata['namespace'] ?? '')}/${String(metadata['name'])}`;
        if (next() < 0.25 && truth.has(key)) {
          truth.delete(key);
          state.delete(R[resource], object);
        } else {
          truth.set(key, { resource, object });
          state.upsert(R[resource], object);
        }
      }
      consumer.apply(state.flush());

      const fresh = new KubeGraphState('kubernetes:t', { name: 't' });
      fresh.setReadable(readable);
      for (const { resource, object } of truth.values()) fresh.upsert(R[resource], object);
      expect(
        sorted({ nodes: consumer.nodes.values(), edges: consumer.edges.values() }),
        `round ${round}`,
      ).toEqual(sorted(fresh.snapshot()));
    }
  });

  it('a relist of one namespace deletes only what that namespace no longer has', () => {
    const state = new KubeGraphState('kubernetes:t', { name: 't' });
    const podIn = (namespace: string, name: string) => ({
      metadata: { namespace, name },
      spec: { containers: [{ name: 'c', image: 'nginx:1' }] },
    });
    state.upsert(R.pods, podIn('a', 'one'));
    state.upsert(R.pods, podIn('b', 'two'));
    state.snapshot();
    const sink = state.relist(R.pods, 'a');
    sink.page([podIn('a', 'three')]);
    sink.done();
    const patches = state.flush();
    const removed = patches.flatMap((patch) => (patch.op === 'remove-node' ? [patch.id] : []));
    expect(removed.sort()).toEqual(['kubernetes:t/container/a/one/c', 'kubernetes:t/pod/a/one']);
    const ids = patches.flatMap((patch) => ('node' in patch ? [patch.node.id] : []));
    expect(ids).toContain('kubernetes:t/pod/a/three');
    expect(ids.some((id) => id.includes('/b/'))).toBe(false);
  });
});
