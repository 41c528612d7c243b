// The one contract between the UI and the core: every method the renderer may call and every
// event it may receive, with their types. Both hosts (Electron IPC in electron/ipc.ts, HTTP + SSE
// in `cli serve`) serve the dispatch table built on it and nothing else; the renderer's
// `lib/bridge.ts` calls it the same way over either transport.
//
// Type-only imports: the renderer imports this file, so it must not pull core code into the page.
import type { GraphEdge, GraphNode, GraphPatch, PlatformId } from '../graph/types.js';
import type { PlatformStatus } from '../platform/platform.js';
import type { ProgressEvent, QueueCounts } from '../scheduler/scheduler.js';
import type { ImageDetails, UpdateKind } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';
import type { StoreSummary } from '../model/summary.js';
import type { Bump, UpdateActions } from '../actions/types.js';

// Types of the core that results and events carry inside them, named here so that the renderer
// imports only this contract, internal/model and internal/graph (the rule in eslint.config.js).
export type { PlatformStatus } from '../platform/platform.js';
export type { TagVerdict } from '../version/types.js';
export type { JobStatus, RunStatus } from '../workflow/record.js';

/** A running platform as the UI shows it. */
export interface PlatformView {
  readonly id: PlatformId;
  readonly type: string; // 'docker' | 'kubernetes' | 'static'
  readonly name: string;
  readonly status: PlatformStatus;
}

/** A Docker endpoint that was looked for, found or not. */
export interface DockerEndpointView {
  readonly id: string;
  readonly name: string;
  /** Where it came from: `DOCKER_HOST`, `context:<name>`, `docker-desktop`, `orbstack`, … */
  readonly source: string;
  readonly host: string;
  readonly exists: boolean;
  readonly isDefault: boolean;
  readonly connected: boolean;
  /** The id its platform runs under once selected (PlatformView.id). */
  readonly platformId: PlatformId;
}

/** A kube context from the merged kubeconfig. */
export interface KubeContextView {
  readonly name: string;
  readonly cluster: string | null;
  readonly server: string | null;
  readonly namespace: string | null;
  readonly current: boolean;
  /** Why this context cannot be used (missing user, unreadable certificate, …); it is still listed. */
  readonly error: string | null;
  readonly watched: boolean;
  /**
   * Namespaces the user added for this context (`kube-namespaces` setting): where a kind may not
   * be listed cluster-wide, these are watched besides `namespace` (else `default`). What is watched
   * in the end, and what is not allowed, is the platform status's `access`.
   */
  readonly addedNamespaces: readonly string[];
  /** The id its platform runs under once selected (PlatformView.id). */
  readonly platformId: PlatformId;
}

/** What was looked for and where: the platforms page and the first-run welcome page. */
export interface Discovery {
  readonly dockerEndpoints: readonly DockerEndpointView[];
  readonly kubeContexts: readonly KubeContextView[];
  /** The kubeconfig files read, in order, and the ones that could not be read, with why. */
  readonly kubeconfigFiles: readonly { readonly path: string; readonly error: string | null }[];
  readonly staticLists: readonly string[];
}

/** Which platforms to watch. Switching stops the old watches before starting the new ones. */
export interface PlatformSelection {
  readonly dockerEndpoints: readonly string[]; // endpoint ids
  readonly kubeContexts: readonly string[]; // context names; several at once is fine
  readonly staticLists: readonly string[]; // file paths
}

/** User settings. Secrets are write-only: reading them back says only whether one is set. */
export interface Settings {
  readonly recheckIntervalMinutes: number;
  readonly notifications: boolean;
  readonly githubTokenSet: boolean;
  readonly registryCredentials: readonly { readonly registry: string; readonly username: string }[];
}

export type SettingsChange =
  | { readonly kind: 'recheck-interval'; readonly minutes: number }
  | { readonly kind: 'notifications'; readonly enabled: boolean }
  | { readonly kind: 'github-token'; readonly token: string | null }
  | {
      readonly kind: 'registry-credential';
      readonly registry: string;
      readonly username: string;
      readonly password: string;
    }
  | { readonly kind: 'remove-registry-credential'; readonly registry: string }
  /** The namespaces to watch in `context` besides its own (an empty list removes them). */
  | { readonly kind: 'kube-namespaces'; readonly context: string; readonly namespaces: readonly string[] };

/** A per-image rule set by the user (labels on the workloads are read too; these win). */
export interface ImageRule {
  readonly pattern: string; // a reference, or a repository with `*` (e.g. `docker.io/library/*`)
  readonly ignore?: boolean;
  readonly pin?: boolean;
  readonly stayOnCurrentMajor?: boolean;
  readonly stayBelow?: string;
  readonly include?: readonly string[]; // regular expressions, as text
  readonly exclude?: readonly string[];
}

/** Everything the renderer needs to draw from scratch; patches with a higher sequence follow. */
export interface Snapshot {
  readonly sequence: number;
  readonly graph: { readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] };
  readonly summary: StoreSummary;
  readonly platforms: readonly PlatformView[];
  readonly queue: QueueCounts;
  /** What is known of each image that runs: the graph colours its nodes by it. */
  readonly images: readonly ImageUpdateView[];
}

/** What to put in an exported update report (internal/report): the same choices as `scan --report`. */
export interface ReportExportRequest {
  readonly format: 'md' | 'html' | 'csv' | 'json';
  readonly groupBy: 'location' | 'image';
  readonly onlyOutdated: boolean;
  /** Only these updates; null: every image. */
  readonly bumps: readonly ('major' | 'minor' | 'patch' | 'digest')[] | null;
  /** Only what runs on these platform ids; null: every platform. */
  readonly platforms: readonly string[] | null;
  /** Add what changed since this time (epoch ms), from the history; null: no comparison. */
  readonly changesSince: number | null;
}

export interface ReportExport {
  readonly content: string;
  readonly mediaType: string;
  /** A name to save it under: `cupdate-report-2026-11-27.html`. */
  readonly fileName: string;
}

/** An update found at some time (the history's `update-found` events). */
export interface RecentUpdateView {
  readonly reference: string;
  readonly at: number; // epoch ms
  readonly kind: UpdateKind | null;
  readonly latestReference: string | null;
}

/** One image's last check, as `image-updated` events report it afterwards. */
export interface ImageUpdateView {
  readonly reference: string;
  /** Null: not checked yet (or the last check failed: see `error`). */
  readonly kind: UpdateKind | null;
  readonly error: string | null;
}

/** Every method: its params and its result. */
export interface ApiMethods {
  snapshot: { params: Record<string, never>; result: Snapshot };
  summary: { params: Record<string, never>; result: StoreSummary };
  /** Updates found, newest first, from the store's history (survives restarts). */
  recentUpdates: { params: { limit: number }; result: readonly RecentUpdateView[] };
  listImages: { params: ListImagesQuery; result: ImagePage };
  getImage: { params: { reference: string }; result: ImageDetails | null };
  checkNow: { params: { reference: string }; result: { queued: boolean } };
  /** For the update picked (default: the biggest), the change at each place the image runs (docs/actions.md). */
  updateActions: { params: { reference: string; bump?: Bump }; result: UpdateActions };
  /** Checks every image that runs (ignored ones excepted), before anything else. */
  checkAll: { params: Record<string, never>; result: { queued: number } };
  discovery: { params: Record<string, never>; result: Discovery };
  selectPlatforms: { params: PlatformSelection; result: { platforms: readonly PlatformView[] } };
  exportReport: { params: ReportExportRequest; result: ReportExport };
  getSettings: { params: Record<string, never>; result: Settings };
  changeSettings: { params: SettingsChange; result: Settings };
  listRules: { params: Record<string, never>; result: readonly ImageRule[] };
  setRule: { params: ImageRule; result: readonly ImageRule[] };
  deleteRule: { params: { pattern: string }; result: readonly ImageRule[] };
}

export type ApiMethod = keyof ApiMethods;
export type ApiParams<M extends ApiMethod> = ApiMethods[M]['params'];
export type ApiResult<M extends ApiMethod> = ApiMethods[M]['result'];

/**
 * Events pushed to the renderer. Graph patches carry a sequence: the renderer applies patch N+1
 * to the state of N; any gap (a missed or reordered message) means "call snapshot()". Patches are
 * coalesced by the host (tens of milliseconds), so a burst of pod events is one message.
 */
export interface ApiEvents {
  'graph-patch': { readonly sequence: number; readonly patches: readonly GraphPatch[] };
  /** The graph was replaced (platforms switched): call snapshot(). */
  'graph-reset': { readonly sequence: number };
  summary: StoreSummary;
  /** The scheduler's queue, sent with each summary (the renderer never rebuilds it from progress events). */
  queue: QueueCounts;
  'platform-status': { readonly platform: PlatformId; readonly status: PlatformStatus };
  progress: ProgressEvent;
  'image-updated': ImageUpdateView & { readonly latestReference: string | null };
  'updates-found': { readonly references: readonly string[] };
}

export type ApiEventName = keyof ApiEvents;

/** A call that failed: the message names the input and what to do; `code` is for the UI's logic. */
export interface ApiErrorBody {
  readonly code: 'invalid-params' | 'unknown-method' | 'not-found' | 'unavailable' | 'internal';
  readonly message: string;
}

/** What the preload script exposes as `window.cupdate` (Electron), and what the HTTP bridge mimics. */
export interface CupdateBridge {
  invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  /** Subscribes to every event; returns the unsubscribe. */
  subscribe(listener: <E extends ApiEventName>(name: E, event: ApiEvents[E]) => void): () => void;
}
