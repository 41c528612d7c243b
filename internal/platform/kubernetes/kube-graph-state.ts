// One kube context's objects (trimmed), and the graph they make. Objects arrive in any order from
// independent watches; every change marks the pods whose part of the graph it affects, and
// `flush()` rebuilds just those pods' parts and returns the resulting patches.
import type { GraphEdge, GraphNode, GraphPatch, PlatformId } from '../../graph/types.js';
import type { KubeResource } from './kube-resources.js';
import type { RelistSink } from './kind-informer.js';
import { nodePlatformOf, objectKey, summarizeObject, summarizePod } from './kube-objects.js';
import type { NodePlatform, ObjectSummary, PodSummary } from './kube-objects.js';
import { contextNode, nodeKey, ownerKey, podContribution } from './pod-contribution.js';
import type { Contribution, ObjectLookup } from './pod-contribution.js';
import { RefCountedGraph } from './ref-counted-graph.js';
import { link, unlink } from '../../graph/multimap.js';

type Json = Record<string, unknown>;

export interface ContextDescription {
  readonly name: string;
  readonly cluster?: string;
  readonly server?: string;
}

export class KubeGraphState implements ObjectLookup {
  readonly #platform: PlatformId;
  readonly #contextId: string;
  readonly #pods = new Map<string, PodSummary>();
  /** Owner objects by ownerKey(kind, namespace, name). */
  readonly #owners = new Map<string, ObjectSummary>();
  readonly #nodes = new Map<string, NodePlatform>();
  readonly #contributions = new Map<string, Contribution>();
  /** Index key → pods whose contribution read it. */
  readonly #dependents = new Map<string, Set<string>>();
  readonly #dirty = new Set<string>();
  readonly #graph = new RefCountedGraph();

  constructor(platform: PlatformId, context: ContextDescription) {
    this.#platform = platform;
    const node = contextNode(platform, context.name, context.cluster, context.server);
    this.#contextId = node.id;
    this.#graph.add({ nodes: [node], edges: [] });
  }

  get hasChanges(): boolean {
    return this.#dirty.size > 0;
  }

  owner(kind: string, namespace: string, name: string): ObjectSummary | undefined {
    return this.#owners.get(ownerKey(kind, namespace, name));
  }

  node(name: string): NodePlatform | undefined {
    return this.#nodes.get(name);
  }

  intern<N extends GraphNode>(node: N): N {
    return this.#graph.intern(node);
  }

  /** ADDED or MODIFIED. */
  upsert(resource: KubeResource, object: Json): void {
    if (resource.name === 'pods') {
      const key = objectKey(object);
      this.#pods.set(key, summarizePod(object));
      this.#dirty.add(key);
      return;
    }
    const summary = summarizeObject(object);
    if (resource.name === 'nodes') this.#nodes.set(summary.name, nodePlatformOf(object));
    else this.#owners.set(ownerKey(resource.kind, summary.namespace, summary.name), summary);
    this.#markDependents(this.#indexKey(resource, object));
  }

  delete(resource: KubeResource, object: Json): void {
    if (resource.name === 'pods') {
      const key = objectKey(object);
      this.#pods.delete(key);
      this.#dirty.add(key);
      return;
    }
    const key = this.#indexKey(resource, object);
    if (resource.name === 'nodes') this.#nodes.delete(summarizeObject(object).name);
    else this.#owners.delete(key);
    this.#markDependents(key);
  }

  /** A (re)list of `resource`, page by page; at `done()` the objects not seen are deleted. */
  relist(resource: KubeResource): RelistSink {
    const seen = new Set<string>();
    return {
      page: (objects) => {
        for (const object of objects) {
          seen.add(this.#indexKey(resource, object));
          this.upsert(resource, object);
        }
      },
      done: () => {
        for (const key of this.#keysOf(resource)) {
          if (seen.has(key)) continue;
          const [namespace, name] = splitKey(key);
          this.delete(resource, { metadata: { namespace, name } });
        }
      },
    };
  }

  /** The whole graph; marks everything clean. */
  snapshot(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    for (const key of this.#pods.keys()) this.#dirty.add(key);
    for (const key of this.#dirty) this.#rebuild(key);
    this.#dirty.clear();
    return this.#graph.snapshot();
  }

  /** Rebuilds the parts of the pods changed since the last flush; returns the patches. */
  flush(): GraphPatch[] {
    for (const key of this.#dirty) this.#rebuild(key);
    this.#dirty.clear();
    return this.#graph.takePatches();
  }

  #rebuild(podKey: string): void {
    const old = this.#contributions.get(podKey);
    const pod = this.#pods.get(podKey);
    const next = pod === undefined ? undefined : podContribution(this.#platform, this.#contextId, pod, this);
    // Add before removing so nodes shared with the old part are updated, not removed and re-added.
    if (next !== undefined) {
      this.#graph.add(next);
      this.#contributions.set(podKey, next);
      for (const key of next.dependsOn) link(this.#dependents, key, podKey);
    } else this.#contributions.delete(podKey);
    if (old !== undefined) {
      this.#graph.remove(old);
      for (const key of old.dependsOn)
        if (!next?.dependsOn.includes(key)) unlink(this.#dependents, key, podKey);
    }
  }

  #markDependents(key: string): void {
    for (const podKey of this.#dependents.get(key) ?? []) this.#dirty.add(podKey);
  }

  #indexKey(resource: KubeResource, object: Json): string {
    if (resource.name === 'pods') return objectKey(object);
    const summary = summarizeObject(object);
    return resource.name === 'nodes'
      ? nodeKey(summary.name)
      : ownerKey(resource.kind, summary.namespace, summary.name);
  }

  #keysOf(resource: KubeResource): string[] {
    if (resource.name === 'pods') return [...this.#pods.keys()];
    if (resource.name === 'nodes') return [...this.#nodes.keys()].map(nodeKey);
    const prefix = `${resource.kind}:`;
    return [...this.#owners.keys()].filter((key) => key.startsWith(prefix));
  }
}

/** `Kind:namespace/name`, `Node:/name` or `namespace/name` → [namespace, name]. */
function splitKey(key: string): [namespace: string, name: string] {
  const path = key.slice(key.indexOf(':') + 1);
  const slash = path.indexOf('/');
  return [path.slice(0, slash), path.slice(slash + 1)];
}
