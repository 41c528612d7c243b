// One interface every platform (a Docker endpoint, a kube context, a static list) implements.
// A platform is started once with an AbortSignal; it first emits the whole graph it sees, then
// patches as things change, and reports its status as it goes. Aborting the signal (or stop())
// closes every socket and watch it opened.
import type { Discovery, PlatformSelection } from '../api/contract.js';
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
  /**
   * Working, with something missing: e.g. a watch reconnecting, a kind that fails to list.
   * `problems`: the lines of its input that could not be used (a static list's malformed lines).
   */
  | ({
      readonly state: 'degraded';
      readonly reason: string;
      readonly problems?: readonly InputProblem[];
    } & WithAccess)
  | ({ readonly state: 'failed'; readonly reason: string } & WithAccess)
  | { readonly state: 'stopped' };

/**
 * A line of a platform's input file (a static list) that could not be used. Its number only, never
 * its text: every API client reads a status, and the file may hold something that is not a list of
 * images (docs/security.md).
 */
export interface InputProblem {
  readonly line: number;
}

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

/** Where discovery looks: the environment and home directory (tests pass temporary ones). */
export interface DiscoveryPlace {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

/** What describe() is told about the platforms running now. */
export interface RunningPlatforms {
  readonly selection: PlatformSelection;
  status(id: PlatformId): PlatformStatus | undefined;
  readonly settings: PlatformSettings;
}

/** What the user or the host set that shapes how platforms are built (each kind reads its own part). */
export interface PlatformSettings {
  /**
   * Static lists: why an absolute path may not be watched, and what to do instead; undefined when
   * it may (serve watches only its --list files: docs/security.md). Asked before the file is touched.
   */
  readonly listRefusal?: ((path: string) => string | undefined) | undefined;
  /** Kubernetes: the namespaces the user added per context (watched where cluster-wide lists are refused). */
  readonly kubeNamespaces?: Readonly<Record<string, readonly string[]>>;
}

/** A name that selects nothing this kind can build: `reason` says why and names what exists. */
export class PlatformChoiceError extends Error {
  override readonly name = 'PlatformChoiceError';
  constructor(
    /** The name as it was given (endpoint id or host, context name, file path). */
    readonly choice: string,
    /** A phrase that follows the name: `is not a context of the kubeconfig (it has: a, b)`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`"${choice}" ${reason}`, options);
  }
}

/**
 * One kind of platform (docker, kubernetes, static): how its platforms are found, named, built and
 * described. Each `platform/<kind>/` folder exports one and internal/platform/platform-kinds.ts
 * lists them; the hosts (the API's platform factory, `scan`, `npm start`) only loop over that list.
 * A kind's heavy code (its client library) is imported by `build`, and by `discover` only when
 * there is something to read, so a command that watches no platform of a kind never loads it.
 */
export interface PlatformDescriptor<Found> {
  /** The `type` of the platforms it builds. */
  readonly type: string;
  /** The PlatformSelection field that names platforms of this kind. */
  readonly selectionKey: keyof PlatformSelection;
  /** The command-line option that names one (`--docker`), for messages. */
  readonly option: string;
  /** What exists where `place` says to look. A file that cannot be used goes to `warn`; discovery goes on. */
  discover(place: DiscoveryPlace, warn: (message: string) => void): Promise<Found>;
  /** The names a first run selects: every Docker endpoint that exists, the current kube context. */
  defaults(found: Found): readonly string[];
  /** Every usable name; the unusable ones go to `warn` with why. */
  every(found: Found, warn: (message: string) => void): readonly string[];
  /** Builds the platform `name` selects; throws PlatformChoiceError when it cannot. */
  build(found: Found, name: string, settings: PlatformSettings): Promise<Platform>;
  /** This kind's part of the platforms page's Discovery. */
  describe(found: Found, running: RunningPlatforms): Partial<Discovery>;
}
