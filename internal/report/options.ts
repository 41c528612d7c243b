// The report flags of `scan` (parsed by node:util parseArgs with REPORT_ARG_OPTIONS, then checked
// here) as a ReportOptions whose shape leaves out what makes no sense. Every mistake is a
// ReportInputError naming the flag and saying what to give instead.
import type { ParseArgsConfig } from 'node:util';
import { BUMP_KINDS, type BumpKind, type GroupBy, type ReportSelection } from './model.js';
import { REPORT_FORMATS, type ReportFormat } from './render-report.js';
import { ReportInputError } from './report-input-error.js';

export const REPORT_ARG_OPTIONS = {
  report: { type: 'string' },
  out: { type: 'string' },
  'group-by': { type: 'string' },
  'only-outdated': { type: 'boolean' },
  bump: { type: 'string', multiple: true },
  platform: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  'diff-against': { type: 'string' },
  'diff-since': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const REPORT_HELP = `Report options:
  --report FORMAT          write an update report: md, html, csv or json (print the html one for a PDF)
  --out FILE               where to write it (default: stdout)
  --group-by WHAT          location (kube context/namespace, Docker host/compose project; default) or image
  --only-outdated          only images with an update
  --bump KINDS             only these updates: major, minor, patch, digest; comma-separated or repeated
  --platform ID            only what runs on this platform (docker:…, kubernetes:…, static:…); repeatable
  --fail-on KIND           exit 1 when an update of KIND or bigger is found (major > minor > patch > digest)
  --diff-against FILE      add the changes since an earlier report (written with --report json)
  --diff-since WHEN        add the changes since a date (2026-11-20, 2026-11-20T08:00:00Z) or a while
                           ago (30m, 12h, 7d, 2w), from the history kept in --data-dir
`;

export type DiffRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'report'; readonly path: string }
  /** `since`: epoch ms. */
  | { readonly kind: 'history'; readonly since: number };

export interface ReportOptions {
  /** Null: no report is written (the filters still apply to --fail-on). */
  readonly format: ReportFormat | null;
  /** Null: stdout. */
  readonly out: string | null;
  readonly selection: ReportSelection;
  readonly failOn: BumpKind | null;
  readonly diff: DiffRequest;
}

/** The values object of parseArgs run with REPORT_ARG_OPTIONS (other flags are ignored). */
export type ReportArgValues = Readonly<
  Record<string, string | boolean | readonly (string | boolean)[] | undefined>
>;

const GROUP_BY: readonly GroupBy[] = ['location', 'image'];
const DURATION = /^(\d+)([mhdw])$/;
const DURATION_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
// A calendar date or an RFC 3339 date-time with its offset: a time without a zone would depend on
// the machine's time zone.
const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** `now` (epoch ms) anchors `--diff-since 7d`. */
export function parseReportOptions(values: ReportArgValues, now: number = Date.now()): ReportOptions {
  const format = optional(text(values, 'report'), (value) =>
    choice('--report', value, REPORT_FORMATS, 'for a PDF, write html and print it'),
  );
  const out = text(values, 'out');
  const groupBy =
    optional(text(values, 'group-by'), (value) => choice('--group-by', value, GROUP_BY)) ?? 'location';
  const onlyOutdated = flag(values, 'only-outdated');
  const bumps = list(values, 'bump')
    .flatMap((value) => value.split(','))
    .map((value) => choice('--bump', value.trim(), BUMP_KINDS));
  const platforms = list(values, 'platform');
  const failOn = optional(text(values, 'fail-on'), (value) => choice('--fail-on', value, BUMP_KINDS));
  const diff = diffRequest(text(values, 'diff-against'), text(values, 'diff-since'), now);

  if (format === null) {
    const needsReport = [
      ['--out', out !== null],
      ['--group-by', values['group-by'] !== undefined],
      ['--diff-against', diff.kind === 'report'],
      ['--diff-since', diff.kind === 'history'],
    ] as const;
    const needsReportOrFailOn = [
      ['--only-outdated', onlyOutdated],
      ['--bump', bumps.length > 0],
      ['--platform', platforms.length > 0],
    ] as const;
    for (const [name, given] of needsReport)
      if (given) throw new ReportInputError(name, `${name} needs --report FORMAT (md, html, csv or json)`);
    if (failOn === null)
      for (const [name, given] of needsReportOrFailOn)
        if (given)
          throw new ReportInputError(name, `${name} has no effect without --report FORMAT or --fail-on KIND`);
  }
  return {
    format,
    out,
    selection: {
      groupBy,
      onlyOutdated,
      bumps: bumps.length === 0 ? null : BUMP_KINDS.filter((kind) => bumps.includes(kind)),
      platforms: platforms.length === 0 ? null : [...new Set(platforms)],
    },
    failOn,
    diff,
  };
}

function diffRequest(against: string | null, since: string | null, now: number): DiffRequest {
  if (against !== null && since !== null)
    throw new ReportInputError(
      '--diff-since',
      'give either --diff-against FILE or --diff-since WHEN, not both',
    );
  if (against !== null) return { kind: 'report', path: against };
  if (since === null) return { kind: 'none' };
  const duration = DURATION.exec(since);
  if (duration !== null)
    return { kind: 'history', since: now - Number(duration[1]) * (DURATION_MS[duration[2] ?? ''] ?? 0) };
  const at = DATE_OR_DATE_TIME.test(since) ? Date.parse(since) : Number.NaN;
  if (Number.isNaN(at))
    throw new ReportInputError(
      '--diff-since',
      `--diff-since "${since}" is neither a date (2026-11-20, 2026-11-20T08:00:00Z) nor a while ago (30m, 12h, 7d, 2w)`,
    );
  if (at > now)
    throw new ReportInputError(
      '--diff-since',
      `--diff-since "${since}" is in the future; give a time before now`,
    );
  return { kind: 'history', since: at };
}

function optional<T>(value: string | null, parse: (value: string) => T): T | null {
  return value === null ? null : parse(value);
}

function choice<T extends string>(name: string, value: string, allowed: readonly T[], hint?: string): T {
  const match = allowed.find((option) => option === value);
  if (match === undefined)
    throw new ReportInputError(
      name,
      `${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})${hint === undefined ? '' : `; ${hint}`}`,
    );
  return match;
}

function text(values: ReportArgValues, name: string): string | null {
  const value = values[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '')
    throw new ReportInputError(`--${name}`, `--${name} needs a non-empty value`);
  return value;
}

function list(values: ReportArgValues, name: string): string[] {
  const value = values[name];
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item !== 'string' || item.trim() === ''))
    throw new ReportInputError(`--${name}`, `--${name} needs a non-empty value`);
  return items as string[];
}

function flag(values: ReportArgValues, name: string): boolean {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') return value === true;
  throw new ReportInputError(`--${name}`, `--${name} takes no value`);
}
