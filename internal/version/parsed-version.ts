// Parsing and ordering of Docker tags as versions, after Renovate's `docker` versioning
// (renovatebot/renovate lib/modules/versioning/docker/index.ts). The deviations from Renovate are
// deliberate and listed in docs/versioning.md: exact ordering of release numbers of any size, a
// locale-independent "natural" order of prereleases, and the commit-hash check applied to the
// version part of the tag (so `0a1b2c3-alpine` is not a version either).
import { compareText } from '../model/compare-text.js';

/** A tag understood as a version: `v1.2.3b1-slim-bookworm` → release 1.2.3, prerelease b1, suffix slim-bookworm. */
export interface ParsedVersion {
  /** Release numbers as decimal digit strings without leading zeros (`18.04` → `['18', '4']`), never empty. */
  readonly release: readonly string[];
  /** Word characters stuck to the last release number (`b1` in `3.8.0b1`); '' for a stable version. */
  readonly prerelease: string;
  /** Everything after the first `-` (`slim-bookworm`); '' when the tag has no `-`. */
  readonly suffix: string;
  /** Whether the tag was spelled with a leading `v`; it does not change the version's meaning. */
  readonly hasV: boolean;
}

const versionPart = /^(\d+(?:\.\d+)*)(\w*)$/;
// Renovate: "Renovate ignores Docker image tags that look like a Git commit hash" (readme.md).
const commitHash = /^[a-f0-9]{7,40}$/;
const allDigits = /^[0-9]+$/;

// Tags repeat across repositories and scans (`latest`, `1.25`, `3.12.1-slim`, the same release
// lines in every image of a stack), and every check reads hundreds of them: parses are kept, up to
// a bound, so each distinct tag runs the regular expressions once. They are frozen, so sharing
// one between callers is safe.
const parsed = new Map<string, ParsedVersion | null>();
const MAX_KEPT_PARSES = 50_000;

export function parseVersion(tag: string): ParsedVersion | null {
  const kept = parsed.get(tag);
  if (kept !== undefined) return kept;
  const version = parse(tag);
  if (parsed.size >= MAX_KEPT_PARSES) parsed.clear();
  parsed.set(tag, version);
  return version;
}

function parse(tag: string): ParsedVersion | null {
  const hasV = tag.startsWith('v');
  const withoutV = hasV ? tag.slice(1) : tag;
  const dash = withoutV.indexOf('-');
  const version = dash === -1 ? withoutV : withoutV.slice(0, dash);
  const suffix = dash === -1 ? '' : withoutV.slice(dash + 1);
  if (commitHash.test(version) && !allDigits.test(version)) return null;
  const match = versionPart.exec(version);
  if (!match) return null;
  const [, numbers = '', prerelease = ''] = match;
  const release = Object.freeze(numbers.split('.').map(withoutLeadingZeros));
  return Object.freeze({ release, prerelease, suffix, hasV });
}

function withoutLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Orders two digit strings without leading zeros numerically, exactly at any length (`20240115`, 40-digit tags). */
export function compareNumber(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders release numbers part by part. When one is a prefix of the other, the shorter one is the
 * bigger (`2.1` > `2.1.1`), as in Renovate: a floating tag like `2.1` follows the newest `2.1.x`.
 */
export function compareRelease(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const partA = a[i];
    const partB = b[i];
    if (partA === undefined) return 1;
    if (partB === undefined) return -1;
    const order = compareNumber(partA, partB);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * A prerelease sorts before its release; two prereleases compare by runs of digits (numerically) and
 * of other characters (by code unit), so `a1` < `b1` < `rc1` < `rc2` < `rc10`. Renovate uses
 * `localeCompare`, which puts `rc10` before `rc2` and depends on the machine's locale.
 */
export function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const runsA = a.match(/\d+|\D+/g) ?? [];
  const runsB = b.match(/\d+|\D+/g) ?? [];
  const length = Math.min(runsA.length, runsB.length);
  for (let i = 0; i < length; i += 1) {
    const runA = runsA[i] ?? '';
    const runB = runsB[i] ?? '';
    const order =
      isDigits(runA) && isDigits(runB)
        ? compareNumber(withoutLeadingZeros(runA), withoutLeadingZeros(runB))
        : compareText(runA, runB);
    if (order !== 0) return order;
  }
  return runsA.length - runsB.length || compareText(a, b);
}

function isDigits(run: string): boolean {
  return allDigits.test(run);
}

/** Release, then prerelease, then suffix; a tag without a suffix sorts after one with a suffix (Renovate's order). */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  return (
    compareRelease(a.release, b.release) ||
    comparePrerelease(a.prerelease, b.prerelease) ||
    compareText(b.suffix, a.suffix)
  );
}
