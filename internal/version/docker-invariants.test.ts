// Invariants checked over thousands of generated tags: whatever the tags, a suggestion is always
// compatible, newer, allowed by the rules and the best of its bucket.

import { describe, expect, it } from 'vitest';
import { compare, explain, getMajor, getMinor, isCompatible, isValid, updates } from './docker.js';
import { randomTags } from './fixtures/random-tags.js';
import { parseVersion } from './parsed-version.js';
import { isBelow, type Rules } from './rules.js';
import type { Bump } from './types.js';
import { TagPattern } from '../model/tag-pattern.js';

const tags = randomTags(2500, 7);
const currents = tags.filter(isValid).slice(0, 40);

function sameRelease(a: string, b: string): boolean {
  return parseVersion(a)?.release.join('.') === parseVersion(b)?.release.join('.');
}

function bucketHolds(bump: Bump, tag: string, current: string): boolean {
  const [major, minor] = [getMajor(tag) ?? -1, getMinor(tag)];
  const [currentMajor, currentMinor] = [getMajor(current) ?? -1, getMinor(current)];
  if (bump === 'major') return major > currentMajor || (major === currentMajor && sameRelease(tag, current));
  if (major !== currentMajor) return false;
  if (bump === 'minor') return (minor ?? -1) > (currentMinor ?? -1) || sameRelease(tag, current);
  return minor === currentMinor;
}

it('the generated tags reach every bucket and every drop reason that needs no rule', () => {
  const seen = new Set(
    currents.flatMap((current) => explain(current, tags).map((v) => (v.kept ? v.bump : v.reason))),
  );
  const expected = [
    'patch',
    'minor',
    'major',
    'invalid',
    'suffix-differs',
    'precision-differs',
    'same',
    'older',
    'prerelease',
  ];
  expect([...seen].sort()).toEqual(expected.sort());
});

describe.each<[string, Rules]>([
  ['no rules', {}],
  ['stayOnCurrentMajor', { stayOnCurrentMajor: true }],
  ['stayBelow 3', { stayBelow: '3' }],
  [
    'include and exclude',
    { include: [TagPattern.parse('^v?1'), TagPattern.parse('alpine')], exclude: [TagPattern.parse('rc')] },
  ],
])('over %i generated tags with %s', (_name, rules) => {
  it(`every kept tag is a compatible, newer, allowed candidate in the right bucket (${currents.length} currents)`, () => {
    // Violations are collected and asserted once: an expect() per tag would take minutes.
    const violations: string[] = [];
    for (const current of currents) {
      const verdicts = explain(current, tags, rules);
      expect(verdicts.map((v) => v.tag)).toEqual(tags);
      for (const verdict of verdicts) {
        if (!verdict.kept) continue;
        const { tag, bump } = verdict;
        const release = parseVersion(tag)?.release ?? [];
        const broken = [
          !isCompatible(tag, current) && 'incompatible',
          compare(tag, current) <= 0 && 'not newer',
          parseVersion(tag)?.prerelease && !sameRelease(tag, current) && 'prerelease',
          !bucketHolds(bump, tag, current) && 'wrong bucket',
          rules.stayOnCurrentMajor && bump === 'major' && 'other major',
          rules.stayBelow && !isBelow(release, [rules.stayBelow]) && 'not below',
          rules.include && !rules.include.some((p) => p.test(tag)) && 'not included',
          rules.exclude?.some((p) => p.test(tag)) && 'excluded',
        ].filter(Boolean);
        if (broken.length > 0) violations.push(`${tag} for ${current} (${bump}): ${broken.join(', ')}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('each bucket holds its best kept tag and latest is the best of all', () => {
    for (const current of currents) {
      const verdicts = explain(current, tags, rules);
      const found = updates(current, tags, rules);
      const kept = verdicts.flatMap((v) => (v.kept ? [v] : []));
      for (const bump of ['patch', 'minor', 'major'] as const) {
        const inBucket = kept.filter((v) => v.bump === bump).map((v) => v.tag);
        const best = found[bump];
        expect(best === null, `${bump} for ${current}`).toBe(inBucket.length === 0);
        if (best !== null) {
          expect(inBucket).toContain(best);
          for (const tag of inBucket)
            expect(compare(best, tag), `${best} vs ${tag}`).toBeGreaterThanOrEqual(0);
        }
      }
      expect(found.latest === null).toBe(kept.length === 0);
      if (found.latest !== null) {
        for (const { tag } of kept) expect(compare(found.latest, tag)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('the answer does not depend on the order of the tags', () => {
    const reversed = [...tags].reverse();
    for (const current of currents) {
      const forward = updates(current, tags, rules);
      const backward = updates(current, reversed, rules);
      for (const key of ['patch', 'minor', 'major', 'latest'] as const) {
        const [a, b] = [forward[key], backward[key]];
        if (a === null || b === null) expect(a).toBe(b);
        else expect(compare(a, b), `${key} for ${current}: ${a} vs ${b}`).toBe(0);
      }
    }
  });
});

describe('compare over generated tags', () => {
  const valid = tags.filter(isValid);

  it('is antisymmetric', () => {
    for (let i = 0; i + 1 < valid.length; i += 1) {
      const [a, b] = [valid[i] as string, valid[i + 1] as string];
      expect(Math.sign(compare(a, b)) + Math.sign(compare(b, a)), `${a} vs ${b}`).toBe(0);
    }
  });

  it('is a total order: sorting leaves every pair in order', () => {
    const sorted = [...valid].sort(compare);
    for (let i = 0; i < sorted.length; i += 37) {
      for (let j = i; j < sorted.length; j += 53) {
        expect(compare(sorted[i] as string, sorted[j] as string)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('pin and ignore drop every tag', () => {
    for (const current of currents.slice(0, 20)) {
      expect(updates(current, tags, { pin: true }).latest).toBeNull();
      expect(explain(current, tags, { ignore: true }).some((v) => v.kept)).toBe(false);
    }
  });
});
