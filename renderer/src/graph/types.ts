// The graph view's display model: what it draws, and what drawing and patching cost.
import type { ImageUpdateView } from '../../../internal/api/contract.js';
import type { NodeId, PlatformId } from '../../../internal/graph/types.js';

/** What is known about one image's check (stores/image-checks.ts keeps it per reference). */
export type ImageUpdateState = Pick<ImageUpdateView, 'kind' | 'error'>;

/** How an image node is drawn: its update kind, or why none is known. */
export type UpdateClass = 'major' | 'minor' | 'patch' | 'digest' | 'up-to-date' | 'failed' | 'unknown';

/** The role of a drawn node; compounds (`context`, `namespace`, …) hold the others. */
export type DisplayRole =
  | 'context' // kube context, docker host, static list: a platform's root compound
  | 'group' // namespace or compose project: a compound inside a context
  | 'collapsed-group' // a group drawn as one node because the graph is too large
  | 'workload'
  | 'instance' // a pod, a swarm task, or a docker container without a pod
  | 'image';

export interface DisplayNode {
  readonly id: string;
  readonly role: DisplayRole;
  /** The compound it is drawn inside. */
  readonly parent: string | null;
  /** The whole name, for search. */
  readonly name: string;
  /** Short, for a canvas label (never HTML). */
  readonly label: string;
  readonly platform: PlatformId;
  /** The worst update class of the images it shows (images: their own). */
  readonly update: UpdateClass;
  /** Image nodes: the reference `onOpenImage` receives (absent when the runtime gave none). */
  readonly reference?: string;
  /** The model node it stands for (collapsed groups and workloads stand for several). */
  readonly source: NodeId;
}

/** Drawn edges point from the holder to what it runs (workload → pod → image), left to right. */
export interface DisplayEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface DisplayGraph {
  readonly nodes: ReadonlyMap<string, DisplayNode>;
  readonly edges: ReadonlyMap<string, DisplayEdge>;
}

/** What the user narrowed the graph to. Empty sets mean "all". */
export interface GraphFilters {
  readonly platforms: ReadonlySet<PlatformId>;
  /** Group node ids (namespaces, compose projects). */
  readonly groups: ReadonlySet<NodeId>;
  readonly outdatedOnly: boolean;
}

export type Position = { readonly x: number; readonly y: number };

/** What one drawing or one (coalesced) patch cost on the main thread, in milliseconds. */
export interface GraphMeasure {
  readonly kind: 'draw' | 'patch';
  /** Nodes drawn afterwards. */
  readonly nodes: number;
  /**
   * Ours: folding, laying out, handing elements to Cytoscape. Applying a patch to the model happens
   * before, in the graph store, as the event is delivered: whoever delivers it measures that.
   */
  readonly work: number;
  /** Wall time from the end of the work until the next frame was drawn (Cytoscape's canvas). */
  readonly paint: number;
}
