// One interface every platform (a Docker endpoint, a kube context, a static list) implements.
// A platform is started once with an AbortSignal; it first emits the whole graph it sees, then
// patches as things change, and reports its status as it goes. Aborting the signal (or stop())
// closes every socket and watch it opened.
import type { GraphNode, GraphEdge, GraphPatch, PlatformId } from '../graph/types.js';

/**
 * What a platform may read when access control limits it (a kube context's RBAC), shown with its
 * status. A platform that watches all it may read is `live` even when that is not everything.
 */
export interface PlatformAccess {
  /** In words: "You may list pods and jobs in shop and jobs; not cluster-wide. Not allowed: nodes." */
  readonly summary: string;
  /** Every kind is watched cluster-wide: nothing is hidden by access control. */
  readonly complete: boolean;
  readonly kinds: readonly {
    /** `pods`, `deployments`, … */
    readonly kind: string;
    /** Where it is watched: cluster-wide, or these namespaces (none: empty). */
    readonly watched: 'cluster-wide' | readonly string[];
    /** Namespaces that were checked and where it may not be listed. */
    readonly notAllowed: readonly string[];
  }[];
}

/** Known once access was checked (Kubernetes); absent for platforms without access control. */
interface WithAccess {
  readonly access?: PlatformAccess;
}

export type PlatformStatus =
  | ({ readonly state: 'connecting' } & WithAccess)
  | ({ readonly state: 'live' } & WithAccess)
  /** Working, with something missing: e.g. a watch reconnecting, a kind that fails to list. */
  | ({ readonly state: 'degraded'; readonly reason: string } & WithAccess)
  | ({ readonly state: 'failed'; readonly reason: string } & WithAccess)
  | { readonly state: 'stopped' };

export type PlatformEvent =
  | { readonly type: 'graph'; readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] }
  | { readonly type: 'patch'; readonly patches: readonly GraphPatch[] }
  | { readonly type: 'status'; readonly status: PlatformStatus };

export interface Platform {
  readonly id: PlatformId;
  /** e.g. 'docker', 'kubernetes', 'static'. */
  readonly type: string;
  /**
   * Starts discovery and watching. Events go to `emit` until the signal aborts. Resolves once the
   * first full graph was emitted (or the platform failed with a status saying why); never rejects
   * for a platform-side fault: those become status events.
   */
  start(emit: (event: PlatformEvent) => void, signal: AbortSignal): Promise<void>;
  /** Stops watching and releases sockets; resolves when all are closed. Idempotent. */
  stop(): Promise<void>;
}
