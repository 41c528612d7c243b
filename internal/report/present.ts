// The words and cells every format shows the same way: update labels, locations, fixes, the
// selection line, the summary and the diff rows; and, for the formats made of sections and tables
// (Markdown, HTML), the whole document. The formats only differ in how they escape and draw it.
import type {
  GroupBy,
  Report,
  ReportDiff,
  ReportFixes,
  ReportImage,
  ReportLocation,
  ReportReleaseNote,
  ReportSelection,
  ReportSummary,
} from './model.js';
import type { UpdateKind } from '../model/image.js';

const TOOL_NAME = 'Cupdate Desktop';

interface GroupRow {
  readonly image: ReportImage;
  /** The image's locations within the group. */
  readonly locations: readonly ReportLocation[];
}

interface PresentedGroup {
  readonly title: string;
  readonly rows: readonly GroupRow[];
}

/** The groups with their images looked up (an entry whose image is missing is skipped). */
function presentedGroups(report: Report): PresentedGroup[] {
  const images = new Map(report.images.map((image) => [image.reference, image]));
  return report.groups.map((group) => ({
    title: group.title,
    rows: group.entries.flatMap((entry) => {
      const image = images.get(entry.reference);
      return image === undefined ? [] : [{ image, locations: entry.locations }];
    }),
  }));
}

function locationText(location: ReportLocation): string {
  return [...location.scope, ...(location.workload === null ? [] : [location.workload])].join(' / ');
}

/** Grouped by location the scope is the group's title, so only the workloads are listed. */
function whereText(locations: readonly ReportLocation[], groupBy: GroupBy): string[] {
  return locations.map((location) =>
    groupBy === 'location' ? (location.workload ?? '(listed)') : locationText(location),
  );
}

export function updateText(image: ReportImage): string {
  if (image.update === null) return image.status === 'failed' ? 'check failed' : 'not checked yet';
  if (image.update.kind === 'none') return 'up to date';
  return image.update.latest === null
    ? image.update.kind
    : `${image.update.kind} → ${familiarTag(image.update.latest)}`;
}

/** `nginx:1.27` from `docker.io/library/nginx:1.27@sha256:…` is too long for a cell: the tag or digest suffix. */
function familiarTag(reference: string): string {
  const at = reference.lastIndexOf('@');
  const withoutDigest = at === -1 ? reference : reference.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(colon + 1) : reference.slice(at + 1);
}

export function currentText(image: ReportImage): string {
  return image.currentTag ?? image.familiar;
}

export function candidateCells(image: ReportImage): [patch: string, minor: string, major: string] {
  const candidates = image.update?.candidates;
  return [candidates?.patch ?? '', candidates?.minor ?? '', candidates?.major ?? ''];
}

/** `2026-11-20` from an ISO date-time. */
export function dateText(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 10);
}

function fixesText(fixes: ReportFixes | null): string {
  return fixes === null ? '' : `${fixes.count} (worst: ${fixes.worstSeverity}): ${fixes.ids.join(', ')}`;
}

function statusText(image: ReportImage): string {
  return image.error === null ? image.status : `${image.status}: ${image.error}`;
}

function selectionText(selection: ReportSelection): string {
  return [
    `grouped by ${selection.groupBy}`,
    selection.onlyOutdated ? 'only outdated images' : 'all images',
    `updates: ${selection.bumps === null ? 'any' : selection.bumps.join(', ')}`,
    `platforms: ${selection.platforms === null ? 'all' : selection.platforms.join(', ')}`,
  ].join('; ');
}

function generatedText(report: Report): string {
  return `Generated ${report.generatedAt} by ${TOOL_NAME} ${report.toolVersion}`;
}

const SUMMARY_HEADERS = [
  'Images',
  'Major',
  'Minor',
  'Patch',
  'Digest',
  'Up to date',
  'Not checked',
  'Failed',
  'Vulnerabilities fixed by updating',
] as const;

function summaryCells(summary: ReportSummary): string[] {
  return [
    summary.images,
    summary.outdated.major,
    summary.outdated.minor,
    summary.outdated.patch,
    summary.outdated.digest,
    summary.upToDate,
    summary.unchecked,
    summary.failed,
    summary.fixableVulnerabilities,
  ].map(String);
}

const PLATFORM_HEADERS = ['Platform', 'Type', 'Status'] as const;

function platformCells(platform: Report['platforms'][number]): string[] {
  return [
    platform.id,
    platform.type,
    platform.reason === null ? platform.status : `${platform.status}: ${platform.reason}`,
  ];
}

const IMAGE_HEADERS = [
  'Image',
  'Where',
  'Current',
  'Patch',
  'Minor',
  'Major',
  'Update',
  'Released',
  'Fixes',
  'Release notes',
  'Status',
] as const;

export const DIFF_HEADERS = ['Change', 'Image', 'Details'] as const;

function diffTitle(diff: ReportDiff): string {
  return diff.basis === 'report'
    ? `Changes since the report of ${diff.since}`
    : `Changes since ${diff.since}`;
}

/** One row per change: [change, image, details]. */
export function diffRows(diff: ReportDiff): [string, string, string][] {
  return [
    ...diff.added.map((image): [string, string, string] => ['added', image.familiar, image.reference]),
    ...diff.removed.map((image): [string, string, string] => ['removed', image.familiar, image.reference]),
    ...diff.updated.map((update): [string, string, string] => [
      'updated',
      update.repository,
      `${update.from.map((image) => image.familiar).join(', ')} → ${update.to.map((image) => image.familiar).join(', ')}`,
    ]),
    ...diff.newlyOutdated.map((image): [string, string, string] => [
      'newly outdated',
      image.familiar,
      image.latest === null ? image.kind : `${image.kind} → ${image.latest}`,
    ]),
    ...(diff.noLongerOutdated ?? []).map((image): [string, string, string] => [
      'no longer outdated',
      image.familiar,
      image.reference,
    ]),
  ];
}

/** Said under the diff when the basis cannot tell which images stopped being outdated. */
function diffNote(diff: ReportDiff): string | null {
  return diff.noLongerOutdated === null
    ? 'Images that are no longer outdated are not listed: the history records updates found, not updates gone.'
    : null;
}

/** A table cell before escaping: plain text, several lines, or links. */
export type Cell =
  /** `tone`: the update kind, for formats that colour it. */
  | { readonly text: string; readonly tone?: UpdateKind }
  | { readonly name: string; readonly detail: string }
  | { readonly lines: readonly string[] }
  | { readonly links: readonly ReportReleaseNote[] };

/** The cells of one image row, in IMAGE_HEADERS order. */
function imageCells(row: GroupRow, groupBy: GroupBy): Cell[] {
  const { image } = row;
  const [patch, minor, major] = candidateCells(image);
  return [
    { name: image.familiar, detail: image.reference },
    { lines: whereText(row.locations, groupBy) },
    { text: currentText(image) },
    { text: patch },
    { text: minor },
    { text: major },
    image.update === null
      ? { text: updateText(image) }
      : { text: updateText(image), tone: image.update.kind },
    { text: dateText(image.update?.releasedAt ?? null) },
    { text: fixesText(image.fixes) },
    { links: image.releaseNotes },
    { text: statusText(image) },
  ];
}

export type Block =
  | {
      readonly kind: 'table';
      readonly headers: readonly string[];
      readonly rows: readonly (readonly Cell[])[];
    }
  | { readonly kind: 'note'; readonly text: string };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly title: string;
  /** Lines under the title: when and by what it was made, what was selected. */
  readonly meta: readonly string[];
  readonly sections: readonly Section[];
}

/** The report as titled sections of tables and notes: platforms, summary, changes, then each group. */
export function reportDocument(report: Report): ReportDocument {
  const texts = (cells: readonly string[]): Cell[] => cells.map((text) => ({ text }));
  const groups = presentedGroups(report);
  return {
    title: 'Update report',
    meta: [`${generatedText(report)}.`, `${selectionText(report.selection)}.`],
    sections: [
      {
        title: 'Platforms',
        blocks: [
          {
            kind: 'table',
            headers: PLATFORM_HEADERS,
            rows: report.platforms.map((p) => texts(platformCells(p))),
          },
        ],
      },
      {
        title: 'Summary',
        blocks: [
          { kind: 'table', headers: SUMMARY_HEADERS, rows: [texts(summaryCells(report.summary))] },
          ...(groups.length === 0 ? [{ kind: 'note' as const, text: 'No images match.' }] : []),
        ],
      },
      ...(report.diff === null ? [] : [diffSection(report.diff)]),
      ...groups.map((group) => ({
        title: group.title,
        blocks: [
          {
            kind: 'table' as const,
            headers: IMAGE_HEADERS,
            rows: group.rows.map((row) => imageCells(row, report.selection.groupBy)),
          },
        ],
      })),
    ],
  };
}

function diffSection(diff: ReportDiff): Section {
  const rows = diffRows(diff);
  const note = diffNote(diff);
  return {
    title: diffTitle(diff),
    blocks: [
      rows.length === 0
        ? { kind: 'note', text: 'No changes.' }
        : { kind: 'table', headers: DIFF_HEADERS, rows: rows.map((row) => row.map((text) => ({ text }))) },
      ...(note === null ? [] : [{ kind: 'note' as const, text: note }]),
    ],
  };
}
