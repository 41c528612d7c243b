// The update actions of one image: for the update the user picked, the exact, reviewable change
// at each place the image runs (docs/actions.md). Plain JSON, so the API, the report and
// `scan --actions` carry it as it is. Nothing here is ever run by the app: it is shown, copied
// and exported.
import type { ContainerRole } from '../graph/types.js';
import type { UpdateKind } from '../model/image.js';

/** The updates a user can pick. */
export type Bump = Exclude<UpdateKind, 'none'>;

export interface UpdateTarget {
  readonly bump: Bump;
  /** The tag to move to: the bump's candidate, or the running tag for a digest update. */
  readonly tag: string;
  /**
   * What that tag points at now (the index digest of a multi-platform image: what a pin should
   * hold); null when no place needed it and the check did not say.
   */
  readonly digest: string | null;
}

export interface UpdateActions {
  /** The image as it runs, normalized: `docker.io/library/nginx:1.25@sha256:…`. */
  readonly reference: string;
  readonly target: UpdateTarget;
  /** Every update this image has, for a picker; `target.bump` is one of them. */
  readonly bumps: readonly Bump[];
  /** One per place the image runs (replicas of one workload are one place). */
  readonly actions: readonly UpdateAction[];
}

interface ActionBase {
  readonly platform: string;
  /** Where, outermost first, as people name it: `["laptop", "shop", "web"]`. */
  readonly place: readonly string[];
  /** The image the change writes, in the spelling of that place; null when it cannot be told. */
  readonly image: string | null;
  /** To read first: who else owns this change, what could not be read, what is left to do by hand. */
  readonly notes: readonly string[];
  /** Copy-ready shell lines, every argument quoted; empty when no command would be right. */
  readonly commands: readonly string[];
}

export interface FileEdit {
  /** Absolute path of the file to change. */
  readonly file: string;
  /** 1-based line of the image. */
  readonly line: number;
  /** Where the diff applies: `patch -p1` (or `git apply`) in this directory. */
  readonly directory: string;
  /** A unified diff of exactly that one value, paths relative to `directory` as a/… and b/…. */
  readonly diff: string;
}

/** A container made by `docker compose` (it has `com.docker.compose.*` labels). */
export interface ComposeAction extends ActionBase {
  readonly kind: 'compose';
  readonly project: string;
  readonly service: string;
  /** `com.docker.compose.project.config_files`, in order. */
  readonly files: readonly string[];
  readonly workingDir: string | null;
  /** The change of the compose file; null when none is needed or none can be made (notes say which). */
  readonly edit: FileEdit | null;
}

/** One setting of a hand-made container that its replacement needs too. */
export interface CarriedSetting {
  /** `port`, `volume`, `env`, `restart`, `network`, … */
  readonly setting: string;
  /** As people read it: `8080:80/tcp`, `data:/var/lib/data`, `DB_PASSWORD (value not shown)`. */
  readonly value: string;
}

/** A container created by hand (`docker run`, or an API client). */
export interface ContainerAction extends ActionBase {
  readonly kind: 'container';
  readonly container: string;
  readonly carryOver: readonly CarriedSetting[];
}

/** A task of a swarm service: the service is what changes. */
export interface SwarmAction extends ActionBase {
  readonly kind: 'swarm-service';
  readonly service: string;
}

export type KubeOwnerKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'CronJob' | 'Job' | 'Pod';

/** Who applies this workload and would revert a `kubectl set image`. */
export interface ManagedBy {
  readonly tool: 'helm' | 'argocd' | 'flux' | 'other';
  /** What the labels say: the chart, the Argo CD application, the Flux object, the manager's name. */
  readonly detail: string;
}

export interface KubernetesAction extends ActionBase {
  readonly kind: 'kubernetes';
  readonly context: string;
  readonly namespace: string;
  /** The top owner: what a person deploys (the Deployment, not its ReplicaSet or pods). */
  readonly owner: { readonly kind: KubeOwnerKind; readonly name: string };
  readonly container: string;
  readonly role: ContainerRole;
  readonly managedBy: ManagedBy | null;
  /** A kustomization's `images:` entry (YAML); null when no manifest change applies. */
  readonly kustomize: string | null;
  /** A strategic-merge patch of the owner (YAML), for `kubectl patch` or kustomize `patches:`. */
  readonly patch: string | null;
}

/** A place with nothing to run: a static list, a graph cut short. */
export interface ManualAction extends ActionBase {
  readonly kind: 'manual';
}

export type UpdateAction = ComposeAction | ContainerAction | SwarmAction | KubernetesAction | ManualAction;
