// One interface every platform (a Docker endpoint, a kube context, a static list) implements.
// A platform is started once with an AbortSignal; it first emits the whole graph it sees, then
// patches as things change, and reports its status as it goes. Aborting the signal (or stop())
// closes every socket and watch it opened.
import type { Discovery, PlatformSelection } from '../api/contract.js';
import type { GraphNode, GraphEdge, GraphPatch, PlatformId } from '../graph/types.js';

export type PlatformStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'live' }
  /**
   * Working, with something missing: e.g. one kind forbidden by RBAC, or reconnecting. `problems`:
   * the lines of its input that could not be used (a static list's malformed lines), for the UI.
   */
  | { readonly state: 'degraded'; readonly reason: string; readonly problems?: readonly InputProblem[] }
  | { readonly state: 'failed'; readonly reason: string }
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
  build(found: Found, name: string): Promise<Platform>;
  /** This kind's part of the platforms page's Discovery. */
  describe(found: Found, running: RunningPlatforms): Partial<Discovery>;
}
