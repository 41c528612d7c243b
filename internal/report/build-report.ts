// Builds the report from a ReportSource (the SQLite store satisfies it; tests pass a fixed one):
// every image that runs somewhere, filtered by the selection, grouped, summed up, and compared with
// an earlier report or the history when asked.
import type { PlatformStatus } from '../platform/platform.js';
import type { HistoryEntry } from '../model/history.js';
import type { ImageDetails } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';
import { diffFromHistory, diffReports } from './diff.js';
import { groupImages } from './grouping.js';
import { reportImage } from './image-entry.js';
import {
  BUMP_KINDS,
  REPORT_SCHEMA_VERSION,
  type BumpKind,
  type Report,
  type ReportDiff,
  type ReportImage,
  type ReportPlatform,
  type ReportSelection,
  type ReportSummary,
} from './model.js';
import { compareText } from '../model/compare-text.js';
import { MAX_PAGE } from '../store/input-checks.js';
import { listAllImages } from '../store/list-all-images.js';

/** The part of the store (internal/store/store.ts) a report reads. */
export interface ReportSource {
  listImages(query: ListImagesQuery): ImagePage;
  getImage(reference: string): ImageDetails | undefined;
  history(query: { readonly since?: number; readonly limit: number }): HistoryEntry[];
}

/** A platform as the app reports it (`App.platforms()`). */
export interface ReportPlatformInput {
  readonly id: string;
  readonly type: string;
  readonly status: PlatformStatus;
}

export type ReportComparison =
  | { readonly kind: 'none' }
  | { readonly kind: 'report'; readonly earlier: Pick<Report, 'generatedAt' | 'images'> }
  /** `since`: epoch ms. */
  | { readonly kind: 'history'; readonly since: number };

export interface ReportRequest {
  readonly selection: ReportSelection;
  readonly comparison: ReportComparison;
  /** Epoch ms. */
  readonly generatedAt: number;
  readonly toolVersion: string;
  readonly platforms: readonly ReportPlatformInput[];
}

export function buildReport(source: ReportSource, request: ReportRequest): Report {
  const { selection } = request;
  const images = allImages(source)
    .map((image) => keepPlatforms(image, selection.platforms))
    .filter((image) => selected(image, selection));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: new Date(request.generatedAt).toISOString(),
    toolVersion: request.toolVersion,
    selection,
    platforms: request.platforms
      .filter((platform) => selection.platforms === null || selection.platforms.includes(platform.id))
      .map(reportPlatform),
    summary: summarize(images),
    images,
    groups: groupImages(images, selection.groupBy),
    diff: compare(source, request.comparison, images),
  };
}

/** Whether an image of the report has an update of `threshold` or bigger (`scan --fail-on`). */
export function hasUpdateAtLeast(report: Pick<Report, 'images'>, threshold: BumpKind): boolean {
  // BUMP_KINDS is ordered biggest first.
  const enough = BUMP_KINDS.slice(0, BUMP_KINDS.indexOf(threshold) + 1);
  return report.images.some(
    (image) => image.update !== null && enough.some((kind) => kind === image.update?.kind),
  );
}

function allImages(source: ReportSource): ReportImage[] {
  const images: ReportImage[] = [];
  for (const item of listAllImages(source)) {
    // An image can disappear between the page and its details: it then simply is not reported.
    const details = source.getImage(item.reference);
    if (details !== undefined) images.push(reportImage(details));
  }
  return images.sort((a, b) => compareText(a.reference, b.reference));
}

function keepPlatforms(image: ReportImage, platforms: readonly string[] | null): ReportImage {
  if (platforms === null) return image;
  return { ...image, locations: image.locations.filter((location) => platforms.includes(location.platform)) };
}

function selected(image: ReportImage, selection: ReportSelection): boolean {
  if (selection.platforms !== null && image.locations.length === 0) return false;
  const kind = image.update?.kind;
  if (selection.onlyOutdated && (kind === undefined || kind === 'none')) return false;
  if (selection.bumps !== null && !selection.bumps.some((bump) => bump === kind)) return false;
  return true;
}

function reportPlatform(platform: ReportPlatformInput): ReportPlatform {
  const { status } = platform;
  return {
    id: platform.id,
    type: platform.type,
    status: status.state,
    reason: status.state === 'degraded' || status.state === 'failed' ? status.reason : null,
  };
}

function summarize(images: readonly ReportImage[]): ReportSummary {
  const count = (test: (image: ReportImage) => boolean): number => images.filter(test).length;
  return {
    images: images.length,
    outdated: {
      major: count((image) => image.update?.kind === 'major'),
      minor: count((image) => image.update?.kind === 'minor'),
      patch: count((image) => image.update?.kind === 'patch'),
      digest: count((image) => image.update?.kind === 'digest'),
    },
    upToDate: count((image) => image.update?.kind === 'none'),
    unchecked: count((image) => image.update === null && image.status !== 'failed'),
    failed: count((image) => image.status === 'failed'),
    fixableVulnerabilities: images.reduce((sum, image) => sum + (image.fixes?.count ?? 0), 0),
  };
}

function compare(
  source: ReportSource,
  comparison: ReportComparison,
  images: readonly ReportImage[],
): ReportDiff | null {
  switch (comparison.kind) {
    case 'none':
      return null;
    case 'report':
      return diffReports(comparison.earlier, images);
    case 'history':
      return diffFromHistory(
        images,
        source.history({ since: comparison.since, limit: MAX_PAGE }),
        comparison.since,
      );
  }
}
