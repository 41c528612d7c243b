// What the store takes and gives back. Inputs that the store only keeps as JSON (explanations, run
// records, settings, rules) are `unknown` going in and `Json` coming out: the module that owns their
// shape (version, workflow, app) checks them when it reads them back.
import type { GraphEdge, GraphNode } from '../graph/types.js';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export type ImageStatus = 'pending' | 'processing' | 'done' | 'failed';
export type UpdateKind = 'major' | 'minor' | 'patch' | 'digest' | 'none';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';
export type RunStatus = 'succeeded' | 'failed' | 'cancelled';
export type HistoryKind = 'appeared' | 'disappeared' | 'update-found' | 'update-applied' | 'digest-changed';

/** What a platform graph replacement changed, consolidated over all platforms. */
export interface PlatformChange {
  /** References that ran nowhere before and run somewhere now (new, or back after disappearing). */
  readonly appeared: readonly string[];
  /** References that ran on this platform before and now run nowhere. */
  readonly disappeared: readonly string[];
}

/** The answer of one check: `E` is the explanation (unknown going in, Json coming out). */
export interface UpdateResult<E = Json> {
  readonly currentTag: string | null;
  readonly currentDigest: string | null;
  readonly latestReference: string | null;
  readonly latestDigest: string | null;
  readonly kind: UpdateKind;
  /** The highest allowed tag per bump. */
  readonly candidates: {
    readonly patch: string | null;
    readonly minor: string | null;
    readonly major: string | null;
  };
  /** Why each tag was kept or dropped (internal/version). */
  readonly explanation: E;
  readonly checkedAt: number;
}

export interface Description {
  readonly format: 'text' | 'markdown' | 'html';
  /** As the source sent it: sanitized when drawn, never when stored. */
  readonly body: string;
  /** Where it came from: `docker-hub`, `github`, `oci-annotations`, … */
  readonly source: string;
}

export interface Link {
  /** `homepage`, `source`, `documentation`, `registry`, `issues`, … */
  readonly type: string;
  readonly url: string;
}

export interface ReleaseNote {
  readonly version: string;
  readonly title: string;
  /** Markdown as received. */
  readonly body: string;
  readonly publishedAt: number | null;
  readonly url: string | null;
}

/** What updating to the candidate does to an advisory (internal/sources/vulnerability-delta.ts). */
export type UpdateEffect = 'fixed-by-update' | 'remaining' | 'introduced-by-update';

export interface Vulnerability {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly fixedIn: string | null;
  readonly source: string;
  /** Absent when the candidate was not scanned. */
  readonly updateEffect?: UpdateEffect;
}

/** `R` is the workflow run record (unknown going in, Json coming out). */
export interface WorkflowRun<R = Json> {
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly record: R;
}

/** Events the pipeline records; `appeared`/`disappeared` are recorded by the store itself. */
export interface HistoryEvent {
  readonly kind: Exclude<HistoryKind, 'appeared' | 'disappeared'>;
  readonly details?: unknown;
}

interface ProcessedBase {
  readonly reference: string;
  readonly processedAt: number;
  /** The image's whole tag set after this run: replaces the previous one. */
  readonly tags: readonly string[];
  readonly run: WorkflowRun<unknown>;
  readonly history?: readonly HistoryEvent[];
}

/** A finished check: replaces the result, description, links, notes and vulnerabilities. */
export interface ProcessedDone extends ProcessedBase {
  readonly status: 'done';
  readonly result: UpdateResult<unknown>;
  readonly description: Description | null;
  readonly links: readonly Link[];
  readonly releaseNotes: readonly ReleaseNote[];
  readonly vulnerabilities: readonly Vulnerability[];
}

/** A failed check: keeps the last good result and enrichment, records the error. */
export interface ProcessedFailed extends ProcessedBase {
  readonly status: 'failed';
  readonly error: string;
}

export type ProcessedImage = ProcessedDone | ProcessedFailed;

export interface TagFilter {
  /** Every one of these tags. */
  readonly all?: readonly string[];
  /** At least one of these tags. */
  readonly any?: readonly string[];
  /** None of these tags. */
  readonly none?: readonly string[];
}

export interface ListImagesQuery {
  /** Full-text words over reference, description and release note titles; each word matches as a prefix. */
  readonly query?: string;
  readonly tags?: TagFilter;
  /** `update`: by update size (major > minor > patch > digest > none > not checked yet), then name. */
  readonly sort: 'name' | 'update';
  /** `update` + `desc` puts major updates first. */
  readonly order: 'asc' | 'desc';
  /** 1 to 1000. */
  readonly limit: number;
  readonly offset: number;
  /** Also list images that no longer run anywhere (default false). */
  readonly includeDisappeared?: boolean;
}

export interface ImageListItem {
  readonly reference: string;
  readonly status: ImageStatus;
  readonly error: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly lastProcessed: number | null;
  /** When it stopped running anywhere; null while it runs somewhere. */
  readonly disappearedAt: number | null;
  readonly tags: readonly string[];
  readonly update: {
    readonly kind: UpdateKind;
    readonly latestReference: string | null;
    readonly checkedAt: number;
  } | null;
  readonly vulnerabilityCount: number;
}

export interface ImagePage {
  /** How many images match, regardless of limit/offset. */
  readonly total: number;
  readonly items: readonly ImageListItem[];
}

export interface HistoryEntry {
  readonly reference: string;
  readonly kind: HistoryKind;
  readonly at: number;
  readonly details: Json;
}

/** The part of the platform graphs above an image: every node it runs in, up to the platform root. */
export interface ImageLocations {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface ImageDetails extends ImageListItem {
  readonly result: UpdateResult | null;
  readonly description: Description | null;
  readonly links: readonly Link[];
  readonly releaseNotes: readonly ReleaseNote[];
  readonly vulnerabilities: readonly Vulnerability[];
  /** The newest runs first (the store keeps the last RUNS_KEPT_PER_IMAGE). */
  readonly runs: readonly WorkflowRun[];
  /** Newest first. */
  readonly history: readonly HistoryEntry[];
  readonly runsOn: ImageLocations;
}

/** Counts over the images that run somewhere. */
export interface StoreSummary {
  readonly total: number;
  readonly outdated: {
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
    readonly digest: number;
  };
  readonly upToDate: number;
  readonly vulnerable: number;
  readonly failed: number;
  readonly processing: number;
  readonly pending: number;
}

export interface ImageRule {
  /** An image reference pattern as the versioning module matches it. */
  readonly pattern: string;
  readonly rule: Json;
}
