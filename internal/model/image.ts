// An image as the core knows it: its last check, what the sources said of it, where it runs.
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { HistoryEntry } from './history.js';
import type { Json } from './json.js';
import type { WorkflowRun } from './workflow-run.js';

export type ImageStatus = 'pending' | 'processing' | 'done' | 'failed';
export type UpdateKind = 'major' | 'minor' | 'patch' | 'digest' | 'none';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

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
