// One interface every platform (a Docker endpoint, a kube context, a static list) implements.
// A platform is started once with an AbortSignal; it first emits the whole graph it sees, then
// patches as things change, and reports its status as it goes. Aborting the signal (or stop())
// closes every socket and watch it opened.
import type { GraphNode, GraphEdge, GraphPatch, PlatformId } from '../graph/types.js';

export type PlatformStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'live' }
  /** Working, with something missing: e.g. one kind forbidden by RBAC, or reconnecting. */
  | { readonly state: 'degraded'; readonly reason: string }
  | { readonly state: 'failed'; readonly reason: string }
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
