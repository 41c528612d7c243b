// Tag versioning with Renovate's `docker` semantics: which tags are versions, how they order, which
// are compatible with the running tag, and which update to suggest. The rules in plain words are in
// docs/versioning.md.

import { InvalidVersionError } from './errors.js';
import { judgeTags, type KeptCandidate } from './judge-tags.js';
import { compareParsed, parseVersion, type ParsedVersion } from './parsed-version.js';
import type { Rules } from './rules.js';
import type { Bump, TagVerdict, Updates } from './types.js';

export function isValid(tag: string): boolean {
  return parseVersion(tag) !== null;
}

/** Same suffix and the same number of release numbers (Renovate's `isCompatible`). */
export function isCompatible(candidate: string, current: string): boolean {
  const a = parseVersion(candidate);
  const b = parseVersion(current);
  return a !== null && b !== null && a.suffix === b.suffix && a.release.length === b.release.length;
}

/** <0, 0 or >0. Throws InvalidVersionError when either tag is not a version. */
export function compare(a: string, b: string): number {
  return compareParsed(parseOrThrow(a), parseOrThrow(b));
}

/** No prerelease. A tag that is not a version is not stable. */
export function isStable(tag: string): boolean {
  return parseVersion(tag)?.prerelease === '';
}

export function getMajor(tag: string): number | null {
  return releaseNumber(tag, 0);
}

export function getMinor(tag: string): number | null {
  return releaseNumber(tag, 1);
}

export function getPatch(tag: string): number | null {
  return releaseNumber(tag, 2);
}

/** The highest allowed update of `current` among `tags`, or null when there is none. */
export function latest(current: string, tags: readonly string[], rules?: Rules): string | null {
  return updates(current, tags, rules).latest;
}

/** The highest allowed candidate per bump. Throws InvalidRuleError for a `stayBelow` that is not a release. */
export function updates(current: string, tags: readonly string[], rules?: Rules): Updates {
  return bestUpdates(current, judgeTags(current, tags, rules).kept);
}

/** Every tag, in input order, kept (with its bump) or dropped (with the reason). */
export function explain(current: string, tags: readonly string[], rules?: Rules): TagVerdict[] {
  return judgeTags(current, tags, rules).verdicts;
}

/**
 * `updates` and `explain` from one pass over the tags, each parsed once: what an update check
 * wants of a tag list of hundreds (nginx has more than a thousand), without reading it twice.
 */
export function judge(
  current: string,
  tags: readonly string[],
  rules?: Rules,
): { readonly updates: Updates; readonly explain: TagVerdict[] } {
  const { kept, verdicts } = judgeTags(current, tags, rules);
  return { updates: bestUpdates(current, kept), explain: verdicts };
}

function bestUpdates(current: string, kept: readonly KeptCandidate[]): Updates {
  const currentHasV = parseVersion(current)?.hasV ?? false;
  const best: Record<Bump, KeptCandidate | null> = { patch: null, minor: null, major: null };
  for (const candidate of kept) {
    const holder = best[candidate.bump];
    if (!holder || isBetter(candidate.version, holder.version, currentHasV)) best[candidate.bump] = candidate;
  }
  const patch = best.patch?.tag ?? null;
  const minor = best.minor?.tag ?? null;
  const major = best.major?.tag ?? null;
  return { patch, minor, major, latest: major ?? minor ?? patch };
}

/**
 * Higher wins. Equal versions spelled differently (`v1.2.4` and `1.2.4`, `18.04` and `18.4`) keep
 * the one spelled like the current tag, else the first seen, so the answer does not depend on the
 * registry's tag order more than it must.
 */
function isBetter(candidate: ParsedVersion, holder: ParsedVersion, currentHasV: boolean): boolean {
  const order = compareParsed(candidate, holder);
  if (order !== 0) return order > 0;
  return candidate.hasV === currentHasV && holder.hasV !== currentHasV;
}

function parseOrThrow(tag: string): ParsedVersion {
  const parsed = parseVersion(tag);
  if (!parsed) throw new InvalidVersionError(tag);
  return parsed;
}

function releaseNumber(tag: string, index: number): number | null {
  const part = parseVersion(tag)?.release[index];
  return part === undefined ? null : Number(part);
}
