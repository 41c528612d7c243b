// One kube context's objects (summarized) and the graph they make. Objects arrive in any order from
// independent watches; every change that alters what a pod shows marks that pod, and `flush()`
// rebuilds just those pods' parts and returns the resulting patches.
//
// Memory (docs/kubernetes.md, "Memory"): per pod only its summary and its part (references to the
// shared nodes) are held. The nodes and edges shared between pods (images, owners, namespaces) are
// reference-counted; each pod's own nodes and edges are made again when the graph is sent or a
// part is diffed.
import { edgeKey } from '../../graph/graph.js';
import { link, unlink } from '../../graph/multimap.js';
import { sameData } from '../../graph/same-data.js';
import type {
  GraphEdge,
  GraphNode,
  GraphPatch,
  NodeId,
  PlatformId,
  WorkloadKind,
} from '../../graph/types.js';
import type { RelistSink } from './kind-informer.js';
import { namespaceAndName, nodePlatformOf, ObjectSummarizer, sameObject, samePod } from './kube-objects.js';
import type { NodePlatform, ObjectSummary, PodSummary } from './kube-objects.js';
import type { KubeResource, ResourceName } from './kube-resources.js';
import { OWNER_KINDS, ownerIdsOf, PodParts } from './pod-part.js';
import type { PartLookup, PodPart } from './pod-part.js';
import { RefCountedGraph } from './ref-counted-graph.js';

type Json = Record<string, unknown>;

export interface ContextDescription {
  readonly name: string;
  readonly cluster?: string;
  readonly server?: string;
}

/** Whether the context may list `resource` in `namespace`. */
export type Readable = (resource: ResourceName, namespace: string) => boolean;

interface PodEntry {
  /** Undefined once deleted: the entry goes when its part is removed at the next rebuild. */
  summary: PodSummary | undefined;
  part: PodPart | undefined;
}

interface OwnPatches {
  removeEdges: GraphPatch[];
  removeNodes: GraphPatch[];
  addNodes: GraphPatch[];
  addEdges: GraphPatch[];
}

export class KubeGraphState implements PartLookup {
  readonly #parts: PodParts;
  readonly #summarizer = new ObjectSummarizer();
  /** namespace → pod name → pod: names are stored once, in the summary, not as joined keys. */
  readonly #pods = new Map<string, Map<string, PodEntry>>();
  /** Owner objects by resource, namespace and name (nested: no joined key string per lookup). */
  readonly #owners = new Map<ResourceName, Map<string, Map<string, ObjectSummary>>>();
  readonly #nodes = new Map<string, NodePlatform>();
  /** Owner id → the pods whose part read it (found or awaited). */
  readonly #dependents = new Map<NodeId, Set<PodEntry>>();
  readonly #dirty = new Set<PodEntry>();
  readonly #shared = new RefCountedGraph();
  #readable: Readable = () => true;
  /** Set once the first snapshot went out: from then on rebuilds are diffed into patches. */
  #own: OwnPatches | undefined;

  constructor(platform: PlatformId, context: ContextDescription) {
    this.#parts = new PodParts(platform, context);
    this.#shared.add({ nodes: [this.#parts.contextNode], edges: [] });
  }

  get hasChanges(): boolean {
    return this.#dirty.size > 0;
  }

  owner(resource: ResourceName, namespace: string, name: string): ObjectSummary | undefined {
    return this.#owners.get(resource)?.get(namespace)?.get(name);
  }

  nodePlatform(name: string): NodePlatform | undefined {
    return this.#nodes.get(name);
  }

  readable(resource: ResourceName, namespace: string): boolean {
    return this.#readable(resource, namespace);
  }

  /** What the context may read changed: every pod's chain is looked at again. */
  setReadable(readable: Readable): void {
    this.#readable = readable;
    this.#forEachPod((entry) => this.#dirty.add(entry));
  }

  /** ADDED or MODIFIED. */
  upsert(resource: KubeResource, object: Json): void {
    const [namespace, name] = namespaceAndName(object);
    if (resource.name === 'pods') {
      const summary = this.#summarizer.summarizePod(object);
      let entry = this.#pods.get(namespace)?.get(name);
      if (entry !== undefined && samePod(entry.summary, summary)) return;
      if (entry === undefined) {
        entry = { summary, part: undefined };
        let named = this.#pods.get(summary.namespace);
        if (named === undefined) this.#pods.set(summary.namespace, (named = new Map()));
        named.set(summary.name, entry);
      }
      entry.summary = summary;
      this.#dirty.add(entry);
    } else if (resource.name === 'nodes') {
      const platform = nodePlatformOf(object);
      const before = this.#nodes.get(name);
      this.#nodes.set(name, platform);
      if (!sameData(before, platform)) this.#markPodsOnNode(name);
    } else {
      const summary = this.#summarizer.summarize(object);
      let byNamespace = this.#owners.get(resource.name);
      if (byNamespace === undefined) this.#owners.set(resource.name, (byNamespace = new Map()));
      let named = byNamespace.get(summary.namespace);
      if (named === undefined) byNamespace.set(summary.namespace, (named = new Map()));
      if (sameObject(named.get(name), summary)) return;
      named.set(summary.name, summary);
      this.#markDependents(this.#parts.workloadId(workloadKindOf(resource.name), namespace, name));
    }
  }

  delete(resource: KubeResource, object: Json): void {
    this.#deleteByName(resource.name, ...namespaceAndName(object));
  }

  /**
   * A (re)list of `resource` in `namespace` (undefined: cluster-wide), page by page; at `done()`
   * the objects of that scope not seen are deleted.
   */
  relist(resource: KubeResource, namespace?: string): RelistSink {
    const seen = new Set<string>();
    return {
      page: (objects) => {
        for (const object of objects) {
          const [ns, name] = namespaceAndName(object);
          seen.add(`${ns}\u0000${name}`);
          this.upsert(resource, object);
        }
      },
      done: () =>
        this.#deleteWhere(
          resource.name,
          (ns, name) => (namespace === undefined || ns === namespace) && !seen.has(`${ns}\u0000${name}`),
        ),
    };
  }

  /** Forgets the objects of `resource` outside the namespaces still watched (access was narrowed). */
  retain(resource: ResourceName, watched: (namespace: string) => boolean): void {
    this.#deleteWhere(resource, (namespace) => !watched(namespace));
  }

  /** The whole graph; from here on, rebuilds are diffed into patches. */
  snapshot(): { nodes: GraphNode[]; edges: GraphEdge[] } {
    this.#rebuildDirty();
    const shared = this.#shared.snapshot();
    this.#own = { removeEdges: [], removeNodes: [], addNodes: [], addEdges: [] };
    const nodes = shared.nodes;
    const edges = shared.edges;
    this.#forEachPod((entry) => {
      if (entry.part === undefined) return;
      nodes.push(...this.#parts.ownNodes(entry.part));
      edges.push(...this.#parts.ownEdges(entry.part));
    });
    return { nodes, edges };
  }

  /** Rebuilds the parts of the pods changed since the last flush; returns the patches. */
  flush(): GraphPatch[] {
    this.#rebuildDirty();
    const own = this.#own;
    const shared = this.#shared.takePatches();
    if (own === undefined) return [];
    this.#own = { removeEdges: [], removeNodes: [], addNodes: [], addEdges: [] };
    const of = (...ops: GraphPatch['op'][]) => shared.filter((patch) => ops.includes(patch.op));
    // Each patch must apply to the graph as the ones before it left it: edges go before the
    // nodes they touch, and come after the nodes they need.
    return [
      ...of('remove-edge'),
      ...own.removeEdges,
      ...of('remove-node'),
      ...own.removeNodes,
      ...of('add-node', 'update-node'),
      ...own.addNodes,
      ...of('add-edge'),
      ...own.addEdges,
    ];
  }

  #rebuildDirty(): void {
    for (const entry of this.#dirty) this.#rebuild(entry);
    this.#dirty.clear();
  }

  #rebuild(entry: PodEntry): void {
    const old = entry.part;
    const next = entry.summary === undefined ? undefined : this.#parts.build(entry.summary, this);
    // Add before removing so nodes shared with the old part are updated, not removed and re-added.
    if (next !== undefined) this.#shared.add(this.#parts.shared(next));
    if (old !== undefined) this.#shared.remove(this.#parts.shared(old));
    if (this.#own !== undefined) this.#diffOwn(old, next);
    entry.part = next;
    const before = old === undefined ? [] : ownerIdsOf(old);
    const after = next === undefined ? [] : ownerIdsOf(next);
    for (const id of after) link(this.#dependents, id, entry);
    for (const id of before) if (!after.includes(id)) unlink(this.#dependents, id, entry);
    if (entry.summary === undefined && old !== undefined) {
      const named = this.#pods.get(old.pod.namespace);
      if (named?.get(old.pod.name) === entry) named.delete(old.pod.name);
      if (named?.size === 0) this.#pods.delete(old.pod.namespace);
    }
  }

  #diffOwn(old: PodPart | undefined, next: PodPart | undefined): void {
    const own = this.#own!;
    const oldNodes = new Map(
      (old === undefined ? [] : this.#parts.ownNodes(old)).map((node) => [node.id, node]),
    );
    for (const node of next === undefined ? [] : this.#parts.ownNodes(next)) {
      const before = oldNodes.get(node.id);
      oldNodes.delete(node.id);
      if (before === undefined) own.addNodes.push({ op: 'add-node', node });
      else if (!sameData(before, node)) own.addNodes.push({ op: 'update-node', node });
    }
    for (const id of oldNodes.keys()) own.removeNodes.push({ op: 'remove-node', id });
    const oldEdges = new Map(
      (old === undefined ? [] : this.#parts.ownEdges(old)).map((edge) => [edgeKey(edge), edge]),
    );
    for (const edge of next === undefined ? [] : this.#parts.ownEdges(next)) {
      if (!oldEdges.delete(edgeKey(edge))) own.addEdges.push({ op: 'add-edge', edge });
    }
    for (const edge of oldEdges.values()) own.removeEdges.push({ op: 'remove-edge', edge });
  }

  #deleteByName(resource: ResourceName, namespace: string, name: string): void {
    if (resource === 'pods') {
      const entry = this.#pods.get(namespace)?.get(name);
      if (entry === undefined || entry.summary === undefined) return;
      entry.summary = undefined;
      this.#dirty.add(entry);
    } else if (resource === 'nodes') {
      if (this.#nodes.delete(name)) this.#markPodsOnNode(name);
    } else {
      const named = this.#owners.get(resource)?.get(namespace);
      if (named?.delete(name) !== true) return;
      if (named.size === 0) this.#owners.get(resource)!.delete(namespace);
      this.#markDependents(this.#parts.workloadId(workloadKindOf(resource), namespace, name));
    }
  }

  /** Deletes every object of `resource` for which `gone(namespace, name)` holds. */
  #deleteWhere(resource: ResourceName, gone: (namespace: string, name: string) => boolean): void {
    const doomed: [string, string][] = [];
    if (resource === 'pods') {
      this.#forEachPod(({ summary }) => {
        if (summary !== undefined && gone(summary.namespace, summary.name))
          doomed.push([summary.namespace, summary.name]);
      });
    } else if (resource === 'nodes') {
      for (const name of this.#nodes.keys()) if (gone('', name)) doomed.push(['', name]);
    } else {
      for (const named of this.#owners.get(resource)?.values() ?? [])
        for (const owner of named.values())
          if (gone(owner.namespace, owner.name)) doomed.push([owner.namespace, owner.name]);
    }
    for (const [namespace, name] of doomed) this.#deleteByName(resource, namespace, name);
  }

  #markDependents(id: NodeId): void {
    for (const entry of this.#dependents.get(id) ?? []) this.#dirty.add(entry);
  }

  // Nodes change platform rarely (never, once known): a scan beats an index held for every pod.
  #markPodsOnNode(name: string): void {
    this.#forEachPod((entry) => {
      if (entry.summary?.nodeName === name || entry.part?.pod.nodeName === name) this.#dirty.add(entry);
    });
  }

  #forEachPod(visit: (entry: PodEntry) => void): void {
    for (const named of this.#pods.values()) for (const entry of named.values()) visit(entry);
  }
}

const WORKLOAD_KINDS = new Map(Object.values(OWNER_KINDS).map((owner) => [owner.resource, owner.kind]));

function workloadKindOf(resource: ResourceName): WorkloadKind {
  const kind = WORKLOAD_KINDS.get(resource);
  if (kind === undefined) throw new Error(`${resource} are not owners a pod chain follows`);
  return kind;
}
