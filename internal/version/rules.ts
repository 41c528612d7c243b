// Per-resource rules that narrow which tags may be suggested. They come from Cupdate's labels
// (labels.ts) and are applied by latest/updates/explain (docker.ts). Every field is optional: an
// absent field means "not said here", so a nearer node's explicit `false` can override a farther
// node's `true` (mergeRules).

import { InvalidRuleError } from './errors.js';
import { compareNumber, parseVersion } from './parsed-version.js';
import type { TagPattern } from '../model/tag-pattern.js';

export interface Rules {
  /** Ignore the resource entirely: no tag is suggested. */
  readonly ignore?: boolean;
  /** Keep the tag as it is: no tag updates (digest updates of the same tag are handled elsewhere). */
  readonly pin?: boolean;
  /** Drop candidates with a higher major version. */
  readonly stayOnCurrentMajor?: boolean;
  /** Release numbers only (`2`, `8.0`, `v1.4.0`); candidates must be below it, compared at its precision. */
  readonly stayBelow?: string;
  /** A candidate must match at least one of these (when given). Linear-time patterns, never a RegExp. */
  readonly include?: readonly TagPattern[];
  /** A candidate matching any of these is dropped. */
  readonly exclude?: readonly TagPattern[];
}

/** The nearer node's rules win field by field; fields it does not set come from the farther node. */
export function mergeRules(nearer: Rules, farther: Rules): Rules {
  return {
    ignore: nearer.ignore ?? farther.ignore,
    pin: nearer.pin ?? farther.pin,
    stayOnCurrentMajor: nearer.stayOnCurrentMajor ?? farther.stayOnCurrentMajor,
    stayBelow: nearer.stayBelow ?? farther.stayBelow,
    include: nearer.include ?? farther.include,
    exclude: nearer.exclude ?? farther.exclude,
  };
}

/**
 * The release numbers of a `stayBelow` value, or null when it is not a plain release. Like Cupdate's
 * `StayBelow()` (internal/platform/labels.go), a prerelease or suffix is refused: "only specify release".
 */
export function parseStayBelow(value: string): readonly string[] | null {
  const parsed = parseVersion(value);
  return parsed && parsed.prerelease === '' && parsed.suffix === '' ? parsed.release : null;
}

export const stayBelowHint = 'give release numbers only, like "2" or "8.0" (no prerelease or suffix)';

export function stayBelowOrThrow(value: string): readonly string[] {
  const release = parseStayBelow(value);
  if (!release) throw new InvalidRuleError('stayBelow', value, stayBelowHint);
  return release;
}

/**
 * Whether a release is below the limit at the limit's precision: the release is cut (or padded with
 * zeros) to as many numbers as the limit has. So with limit `2`, `1.9.9` is below but `2.0.1` and
 * `2.0.0rc1` are not (they are on the 2 track); with limit `2.5`, `2` (= 2.0) is below.
 */
export function isBelow(release: readonly string[], limit: readonly string[]): boolean {
  for (let i = 0; i < limit.length; i += 1) {
    const order = compareNumber(release[i] ?? '0', limit[i] ?? '0');
    if (order !== 0) return order < 0;
  }
  return false;
}
