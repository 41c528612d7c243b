// Decides, for every tag of a repository, whether it is an allowed update of the current tag, and
// why not when it is not. latest/updates/explain (docker.ts) are views of this one pass, so the
// three can never disagree. The checks run in a fixed order and the first one that fails is the
// reason given: the most basic reason wins (a `-bookworm` tag is "suffix-differs" even if an
// exclude pattern would also drop it).

import { parseVersion, compareParsed, compareRelease, type ParsedVersion } from './parsed-version.js';
import { isBelow, stayBelowOrThrow, type Rules } from './rules.js';
import type { Bump, DropReason, TagVerdict } from './types.js';

export interface KeptCandidate {
  readonly tag: string;
  readonly version: ParsedVersion;
  readonly bump: Bump;
}

export interface Judgement {
  /** One verdict per input tag, in input order. */
  readonly verdicts: TagVerdict[];
  /** The kept tags with their parsed versions, in input order. */
  readonly kept: readonly KeptCandidate[];
}

type Drop = { readonly reason: DropReason; readonly detail: string };
type Check = Drop | null;
/** How the details name the current tag and its suffix. */
interface Said {
  readonly current: string;
  readonly baseSuffix: string;
}

/** Throws InvalidRuleError when `rules.stayBelow` is not a plain release. */
export function judgeTags(current: string, tags: readonly string[], rules: Rules = {}): Judgement {
  const stayBelow = rules.stayBelow === undefined ? null : stayBelowOrThrow(rules.stayBelow);
  const base = parseVersion(current);
  if (!base) return dropAll(tags, notAVersion(current));
  const ruleOnAll = ruleDroppingAll(current, rules);
  if (ruleOnAll) return dropAll(tags, ruleOnAll);

  const verdicts: TagVerdict[] = [];
  const kept: KeptCandidate[] = [];
  // Said in the details of most dropped tags: quoted once, not once per tag (hundreds per check).
  const said: Said = { current: JSON.stringify(current), baseSuffix: describeSuffix(base.suffix) };
  for (const tag of tags) {
    const version = parseVersion(tag);
    if (!version) {
      verdicts.push({
        tag,
        kept: false,
        reason: 'invalid',
        detail: `${JSON.stringify(tag)} is not a version tag`,
      });
      continue;
    }
    const drop =
      checkStructure(version, base, said) ??
      checkPatterns(tag, rules) ??
      checkLimits(version, base, rules, stayBelow);
    if (drop) {
      verdicts.push({ tag, kept: false, ...drop });
      continue;
    }
    const bump = bumpOf(version, base);
    verdicts.push({ tag, kept: true, bump });
    kept.push({ tag, version, bump });
  }
  return { verdicts, kept };
}

function dropAll(tags: readonly string[], drop: Drop): Judgement {
  return { verdicts: tags.map((tag) => ({ tag, kept: false, ...drop })), kept: [] };
}

function notAVersion(current: string): Drop {
  return {
    reason: 'current-invalid',
    detail: `the current tag ${JSON.stringify(current)} is not a version; only digest updates apply`,
  };
}

function ruleDroppingAll(current: string, rules: Rules): Check {
  if (rules.ignore) return { reason: 'ignored', detail: 'the ignore rule is set for this resource' };
  if (rules.pin) return { reason: 'pinned', detail: `the pin rule keeps the tag ${JSON.stringify(current)}` };
  return null;
}

/** Suffix, precision, order and prerelease: what makes a tag a meaningful successor at all. */
function checkStructure(version: ParsedVersion, base: ParsedVersion, said: Said): Check {
  if (version.suffix !== base.suffix) {
    return {
      reason: 'suffix-differs',
      detail: `suffix ${describeSuffix(version.suffix)} differs from the current ${said.baseSuffix}`,
    };
  }
  if (version.release.length !== base.release.length) {
    return {
      reason: 'precision-differs',
      detail: `${version.release.length} release numbers where ${said.current} has ${base.release.length}`,
    };
  }
  const order = compareParsed(version, base);
  if (order === 0) return { reason: 'same', detail: `the same version as ${said.current}` };
  if (order < 0) return { reason: 'older', detail: `older than ${said.current}` };
  // Renovate's lookup filter: unstable candidates only while the current tag is itself unstable
  // and on the same release (lib/workers/repository/process/lookup/filter.ts).
  const onSameRelease = base.prerelease !== '' && compareRelease(version.release, base.release) === 0;
  if (version.prerelease !== '' && !onSameRelease) {
    return {
      reason: 'prerelease',
      detail: `prerelease ${JSON.stringify(version.prerelease)} and ${said.current} is not a prerelease of ${version.release.join('.')}`,
    };
  }
  return null;
}

function describeSuffix(suffix: string): string {
  return suffix === '' ? '(none)' : JSON.stringify(suffix);
}

function checkPatterns(tag: string, rules: Rules): Check {
  const excludedBy = rules.exclude?.find((pattern) => pattern.test(tag));
  if (excludedBy) return { reason: 'excluded', detail: `matches the exclude pattern ${String(excludedBy)}` };
  if (rules.include && !rules.include.some((pattern) => pattern.test(tag))) {
    return {
      reason: 'not-included',
      detail: `matches none of the include patterns ${rules.include.join(', ')}`,
    };
  }
  return null;
}

function checkLimits(
  version: ParsedVersion,
  base: ParsedVersion,
  rules: Rules,
  stayBelow: readonly string[] | null,
): Check {
  if (rules.stayOnCurrentMajor && bumpOf(version, base) === 'major') {
    return {
      reason: 'other-major',
      detail: `major ${version.release[0]} is above the current major ${base.release[0]} (stay-on-current-major)`,
    };
  }
  if (stayBelow && !isBelow(version.release, stayBelow)) {
    return { reason: 'not-below', detail: `not below the stay-below limit ${stayBelow.join('.')}` };
  }
  return null;
}

/**
 * The bucket of a newer candidate with the same precision: the first release number that differs
 * decides (first → major, second → minor, any later → patch). A candidate with the same release
 * numbers (a newer prerelease, or the release of the current prerelease) falls in the finest bucket
 * the precision has: patch for `1.2.3rc1`, minor for `1.2rc1`, major for `16rc1`.
 */
function bumpOf(version: ParsedVersion, base: ParsedVersion): Bump {
  const differing = version.release.findIndex((part, i) => part !== base.release[i]);
  const index = differing === -1 ? base.release.length - 1 : differing;
  return index === 0 ? 'major' : index === 1 ? 'minor' : 'patch';
}
