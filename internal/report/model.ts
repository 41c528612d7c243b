// The one update report model every format is rendered from (Markdown, HTML, CSV, JSON; PDF is the
// HTML printed by the host). Its JSON form is versioned: `report.schema.json` describes
// `schemaVersion: 1`, and any change a consumer could notice (a field removed, renamed or retyped)
// needs a new version. Fields are only ever added as optional within one version.
import type { PlatformStatus } from '../platform/platform.js';
import type { ImageStatus, Severity, UpdateKind } from '../model/image.js';

export const REPORT_SCHEMA_VERSION = 1;

/** The update kinds that are an update (`none` is not). */
export type BumpKind = Exclude<UpdateKind, 'none'>;
export const BUMP_KINDS: readonly BumpKind[] = ['major', 'minor', 'patch', 'digest'];

/** `location`: one group per kube context/namespace or Docker host/compose project; `image`: per repository. */
export type GroupBy = 'location' | 'image';

/** What the report was asked to contain. */
export interface ReportSelection {
  readonly groupBy: GroupBy;
  readonly onlyOutdated: boolean;
  /** Only images whose update is one of these; null: every image. */
  readonly bumps: readonly BumpKind[] | null;
  /** Only what runs on these platform ids; null: every platform. */
  readonly platforms: readonly string[] | null;
}

export interface ReportPlatform {
  /** `docker:<endpoint>`, `kubernetes:<context>`, `static:<file>`. */
  readonly id: string;
  readonly type: string;
  readonly status: PlatformStatus['state'];
  /** Why it is degraded or failed; null otherwise. */
  readonly reason: string | null;
}

/**
 * One place an image runs, collapsed to what a person manages: replicas of one Deployment, or the
 * containers of one compose service, are one location.
 */
export interface ReportLocation {
  readonly platform: string;
  /** [kube context, namespace], [docker host, compose project], [docker host] or [static list]. */
  readonly scope: readonly string[];
  /** `deployment/web`, `pod/debug`, `service/db`, `swarm-service/api`, `container/redis`; null for a listed image. */
  readonly workload: string | null;
}

export interface ReportCandidates {
  readonly patch: string | null;
  readonly minor: string | null;
  readonly major: string | null;
}

export interface ReportUpdate {
  readonly kind: UpdateKind;
  /** The reference to update to; null when up to date. */
  readonly latest: string | null;
  /** The highest allowed tag per bump. */
  readonly candidates: ReportCandidates;
  /** When the latest version was released (from its release note), ISO 8601; null when unknown. */
  readonly releasedAt: string | null;
  readonly checkedAt: string;
}

export interface ReportReleaseNote {
  readonly title: string;
  /** Only http(s) addresses are kept: anything else is dropped to null. */
  readonly url: string | null;
}

/** Advisories that updating to the candidate fixes. */
export interface ReportFixes {
  readonly count: number;
  readonly ids: readonly string[];
  readonly worstSeverity: Severity;
}

export interface ReportImage {
  /** Fully qualified, as it runs: `docker.io/library/nginx:1.25@sha256:…`. */
  readonly reference: string;
  /** As Docker shows it, without the digest when there is a tag: `nginx:1.25`. */
  readonly familiar: string;
  /** The familiar repository: `nginx`, `ghcr.io/org/app`. */
  readonly repository: string;
  readonly status: ImageStatus;
  /** The last check's error; null when it succeeded. */
  readonly error: string | null;
  readonly currentTag: string | null;
  /** Null until the image was checked once. */
  readonly update: ReportUpdate | null;
  readonly releaseNotes: readonly ReportReleaseNote[];
  /** Null when the update fixes no known advisory (or the candidate was not scanned). */
  readonly fixes: ReportFixes | null;
  readonly locations: readonly ReportLocation[];
}

/** One image as it appears in a group: with the locations that belong to the group. */
export interface ReportGroupEntry {
  readonly reference: string;
  readonly locations: readonly ReportLocation[];
}

export interface ReportGroup {
  /** `kind-dev / default`, `laptop / shop` or, grouped by image, the repository. */
  readonly title: string;
  readonly entries: readonly ReportGroupEntry[];
}

export interface ReportSummary {
  readonly images: number;
  readonly outdated: Readonly<Record<BumpKind, number>>;
  readonly upToDate: number;
  /** Not checked yet (pending, processing, or never succeeded). */
  readonly unchecked: number;
  readonly failed: number;
  /** Advisories the updates fix, summed over images. */
  readonly fixableVulnerabilities: number;
}

export interface DiffImage {
  readonly reference: string;
  readonly familiar: string;
}

/** A repository whose running version changed: these references went, those came. */
export interface DiffUpdate {
  readonly repository: string;
  readonly from: readonly DiffImage[];
  readonly to: readonly DiffImage[];
}

export interface DiffOutdated extends DiffImage {
  readonly kind: BumpKind;
  readonly latest: string | null;
}

export interface ReportDiff {
  /** `report`: compared with an earlier report; `history`: with the store's history since a time. */
  readonly basis: 'report' | 'history';
  /** The earlier report's generation time, or the history's start; ISO 8601. */
  readonly since: string;
  readonly added: readonly DiffImage[];
  readonly removed: readonly DiffImage[];
  readonly updated: readonly DiffUpdate[];
  readonly newlyOutdated: readonly DiffOutdated[];
  /** Null when the basis cannot tell: the history records updates found, not updates gone. */
  readonly noLongerOutdated: readonly DiffImage[] | null;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly toolVersion: string;
  readonly selection: ReportSelection;
  readonly platforms: readonly ReportPlatform[];
  readonly summary: ReportSummary;
  /** Sorted by reference; each with every location the selection keeps. */
  readonly images: readonly ReportImage[];
  readonly groups: readonly ReportGroup[];
  readonly diff: ReportDiff | null;
}
