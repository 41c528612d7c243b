import { describe, expect, it } from 'vitest';
import {
  compare,
  explain,
  getMajor,
  getMinor,
  getPatch,
  isCompatible,
  isStable,
  isValid,
  judge,
  latest,
  updates,
} from './docker.js';
import { realisticRepository } from '../../test/peers/realistic-repositories.js';
import { InvalidRuleError, InvalidVersionError } from './errors.js';
import type { Rules } from './rules.js';
import type { Bump, DropReason, Updates } from './types.js';
import { TagPattern } from '../model/tag-pattern.js';

const none: Updates = { patch: null, minor: null, major: null, latest: null };

// Vectors copied from Renovate's own tests of docker versioning:
// renovatebot/renovate lib/modules/versioning/docker/index.spec.ts (commit dbd13354).
describe("Renovate's docker versioning vectors", () => {
  it.each([
    ['1.2.3', true],
    ['18.04', true],
    ['10.1', true],
    ['3', true],
    ['foo', false],
    ['0a1b2c3', false],
    ['0a1b2c3d', false],
    ['0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d', false],
    ['0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0', true], // 41 characters: too long for a hash
    ['0a1b2C3', true], // upper case: not a hash
    ['0z1b2c3', true],
    ['0A1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d', true],
    ['123098140293', true], // all digits: a number, not a hash
    ['01aecc#v2.1.0', false],
  ])('isValid(%j) is %s', (tag, expected) => {
    expect(isValid(tag)).toBe(expected);
  });

  it.each([
    ['1.2.3', 1, 2, 3],
    ['18.04', 18, 4, null],
    ['10.1', 10, 1, null],
    ['3', 3, null, null],
    ['foo', null, null, null],
  ])('getMajor/getMinor/getPatch(%j)', (tag, major, minor, patch) => {
    expect([getMajor(tag), getMinor(tag), getPatch(tag)]).toEqual([major, minor, patch]);
  });

  it.each([
    ['1.2.3', '1.2', false],
    ['18.04', '18.1', true],
    ['10.1', '10.1.2', true],
    ['3', '2', true],
    ['1.2.3', '1.2.3', false],
  ])('isGreaterThan(%j, %j) is %s', (a, b, expected) => {
    expect(compare(a, b) > 0).toBe(expected);
  });

  it.each([
    ['1.2.3', '1.2.3', true],
    ['18.04', '18.4', true],
    ['10.0', '10.0.4', false],
    ['3', '4.0', false],
    ['1.2', '1.2.3', false],
  ])('equals(%j, %j) is %s', (a, b, expected) => {
    expect(compare(a, b) === 0).toBe(expected);
  });

  // Renovate checks these against semver's order; here that order is written out.
  it.each([
    ['1.1.1', '1.2.3', -1],
    ['1.2.3', '1.3.4', -1],
    ['2.0.1', '1.2.3', 1],
    ['1.2.3', '0.9.5', 1],
  ])('sorts %j against %j like semver', (a, b, sign) => {
    expect(Math.sign(compare(a, b))).toBe(sign);
  });

  it('sorts unstable versions', () => {
    const tags = [
      '3.7.0',
      '3.7-alpine',
      '3.7.0b1',
      '3.7.0b5',
      '3.8.0b1-alpine',
      '3.8.0-alpine',
      '3.8.2',
      '3.8.0',
    ];
    expect(tags.sort(compare)).toEqual([
      '3.7.0b1',
      '3.7.0b5',
      '3.7.0',
      '3.7-alpine',
      '3.8.0b1-alpine',
      '3.8.0-alpine',
      '3.8.0',
      '3.8.2',
    ]);
  });

  it.each([
    ['3.7.0', true],
    ['3.7.0b1', false],
    ['3.7-alpine', true],
    ['3.8.0-alpine', true],
    ['3.8.0b1-alpine', false],
    ['3.8.2', true],
  ])('isStable(%j) is %s', (tag, expected) => {
    expect(isStable(tag)).toBe(expected);
  });

  it.each([
    ['3.7.0', '3.7.0', true],
    ['3.7.0b1', '3.7.0', true],
    ['3.7-alpine', '3.7.0', false],
    ['3.8.0-alpine', '3.7.0', false],
    ['3.8.0b1-alpine', '3.7.0', false],
    ['3.8.2', '3.7.0', true],
    ['3.7.0', '3.7.0-alpine', false],
    ['3.7.0b1', '3.7.0-alpine', false],
    ['3.7-alpine', '3.7.0-alpine', false],
    ['3.8.0-alpine', '3.7.0-alpine', true],
    ['3.8.0b1-alpine', '3.7.0-alpine', true],
    ['3.8.2', '3.7.0-alpine', false],
  ])('isCompatible(%j, %j) is %s', (candidate, current, expected) => {
    expect(isCompatible(candidate, current)).toBe(expected);
  });
});

describe('isValid beyond Renovate', () => {
  it.each([
    ['latest', false],
    ['stable', false],
    ['main', false],
    ['', false],
    ['sha-abc1234', false],
    ['abc1234', false],
    ['deadbeefcafe', false],
    ['1234567', true],
    ['20240115', true],
    ['2024.01.15', true],
    ['v1.2.3', true],
    ['V1.2.3', false],
    ['1.25-alpine', true],
    ['3.12.1-slim-bookworm', true],
    ['alpine-3.18', false],
    ['0a1b2c3-alpine', false], // deviation: the hash check also applies before a suffix
    ['v0a1b2c3', false],
  ])('isValid(%j) is %s', (tag, expected) => {
    expect(isValid(tag)).toBe(expected);
  });

  it('isStable is false for a tag that is not a version', () => {
    expect(isStable('latest')).toBe(false);
  });

  it('getMajor of a huge number is a number, not null', () => {
    expect(getMajor('20240115')).toBe(20240115);
  });
});

describe('compare', () => {
  it.each([
    ['v1.2.3', '1.2.4', -1],
    ['1.2.4', 'v1.2.3', 1],
    ['v1.2.3', '1.2.3', 0],
    ['1.10', '1.9', 1],
    ['2024.01.15', '2024.1.16', -1],
    ['3.8.0rc2', '3.8.0rc10', -1],
    ['1.0rc2', '1.0', -1],
    ['99999999999999999999', '100000000000000000000', -1],
  ])('compare(%j, %j) has sign %i', (a, b, sign) => {
    expect(Math.sign(compare(a, b))).toBe(sign);
  });

  it.each([
    ['latest', '1.0'],
    ['1.0', 'sha-abc1234'],
  ])('throws InvalidVersionError naming the bad tag for (%j, %j)', (a, b) => {
    const bad = isValid(a) ? b : a;
    expect(() => compare(a, b)).toThrow(InvalidVersionError);
    expect(() => compare(a, b)).toThrow(JSON.stringify(bad));
  });
});

describe('updates', () => {
  it.each<[string, string, readonly string[], Updates]>([
    [
      'suffix: -alpine never suggests a plain or other-suffix tag',
      '1.25-alpine',
      ['1.26', '1.26-bookworm', '1.26-alpine', '1.25.3-alpine', '1.27-alpine3.19', '2.0-alpine'],
      { patch: null, minor: '1.26-alpine', major: '2.0-alpine', latest: '2.0-alpine' },
    ],
    [
      'suffix: a plain tag never suggests a suffixed one',
      '1.25',
      ['1.26-alpine', '1.26-bookworm', '2.0-alpine'],
      none,
    ],
    [
      'suffix: a multi-part suffix must match entirely',
      '3.12.1-slim-bookworm',
      ['3.12.2-slim', '3.12.2-bookworm', '3.12.2-slim-bookworm', '3.13.0-slim-bullseye'],
      { patch: '3.12.2-slim-bookworm', minor: null, major: null, latest: '3.12.2-slim-bookworm' },
    ],
    [
      'precision: 1.25 never suggests 1.25.3, and has no patch bucket',
      '1.25',
      ['1.25.3', '1.26.0', '1.26', '2'],
      { patch: null, minor: '1.26', major: null, latest: '1.26' },
    ],
    [
      'precision: a 1-part tag only moves by major',
      '16',
      ['16.1', '17', '18-alpine', '18', '16.4.2'],
      { patch: null, minor: null, major: '18', latest: '18' },
    ],
    [
      'buckets: numeric, not lexical, order',
      '1.2.3',
      ['1.2.4', '1.2.10', '1.3.0', '1.10.0', '2.0.0', '10.0.0', '1.2.2', '0.9.9'],
      { patch: '1.2.10', minor: '1.10.0', major: '10.0.0', latest: '10.0.0' },
    ],
    [
      'prerelease: a stable current gets stable candidates only',
      '3.8.0',
      ['3.8.1b1', '3.9.0rc1', '4.0.0a1', '3.8.1'],
      { patch: '3.8.1', minor: null, major: null, latest: '3.8.1' },
    ],
    [
      'prerelease: a prerelease current may move within its release, and to the release',
      '3.8.0b1',
      ['3.8.0b2', '3.8.0', '3.8.1b1', '3.9.0a1', '3.9.0'],
      { patch: '3.8.0', minor: '3.9.0', major: null, latest: '3.9.0' },
    ],
    [
      'prerelease: rc10 is newer than rc2',
      '3.8.0rc1',
      ['3.8.0rc2', '3.8.0rc10'],
      { patch: '3.8.0rc10', minor: null, major: null, latest: '3.8.0rc10' },
    ],
    [
      'prerelease: of a 2-part release falls in the minor bucket',
      '1.0rc1',
      ['1.0rc2', '1.0.0'],
      { patch: null, minor: '1.0rc2', major: null, latest: '1.0rc2' },
    ],
    [
      'v prefix: candidates keep their own spelling',
      'v1.2.3',
      ['1.2.4', 'v1.2.5', '1.3.0'],
      { patch: 'v1.2.5', minor: '1.3.0', major: null, latest: '1.3.0' },
    ],
    [
      'v prefix: equal versions prefer the spelling of the current tag (v)',
      'v1.2.3',
      ['1.2.4', 'v1.2.4'],
      { patch: 'v1.2.4', minor: null, major: null, latest: 'v1.2.4' },
    ],
    [
      'v prefix: equal versions prefer the spelling of the current tag (no v)',
      '1.2.3',
      ['v1.2.4', '1.2.4'],
      { patch: '1.2.4', minor: null, major: null, latest: '1.2.4' },
    ],
    [
      'calendar versions compare numerically, leading zeros ignored',
      '2024.01.15',
      ['2024.01.16', '2024.1.20', '2024.02.01', '2025.01.01', '2023.12.31'],
      { patch: '2024.1.20', minor: '2024.02.01', major: '2025.01.01', latest: '2025.01.01' },
    ],
    [
      'dates as one number are majors',
      '20240115',
      ['20240116', '20231231', '20240201-alpine', '2024.02.01'],
      { patch: null, minor: null, major: '20240116', latest: '20240116' },
    ],
    [
      'big numbers compare exactly',
      '1',
      ['99999999999999999999', '100000000000000000000', '99999999999999999998'],
      { patch: null, minor: null, major: '100000000000000000000', latest: '100000000000000000000' },
    ],
    [
      'hashes and words are never candidates',
      '1.0',
      ['latest', 'stable', 'main', 'sha-abc1234', 'abc1234f', '0a1b2c3', '', '1.1'],
      { patch: null, minor: '1.1', major: null, latest: '1.1' },
    ],
    ['current "latest" gets no tag update', 'latest', ['1.0', '2.0'], none],
    ['current "stable" gets no tag update', 'stable', ['1.0'], none],
    ['current commit hash gets no tag update', '0a1b2c3d', ['1.0', '0a1b2c4d'], none],
    ['current sha- tag gets no tag update', 'sha-abc1234', ['sha-abc1235'], none],
    ['empty current gets no tag update', '', ['1.0'], none],
    ['no tags, no update', '1.0', [], none],
    ['only older and same tags, no update', '2.0.0', ['1.0.0', '2.0.0', 'v2.0.0', '1.9.9'], none],
  ])('%s', (_name, current, tags, expected) => {
    expect(updates(current, tags)).toEqual(expected);
    expect(latest(current, tags)).toBe(expected.latest);
  });
});

describe('rules', () => {
  const tags = ['1.2.4', '1.3.0', '1.9.9', '2.0.0', '2.0.1', '2.5.0', '3.0.0', '1.3.0-alpine'];
  it.each<[string, Rules, Updates]>([
    ['no rules', {}, { patch: '1.2.4', minor: '1.9.9', major: '3.0.0', latest: '3.0.0' }],
    ['pin', { pin: true }, none],
    ['ignore', { ignore: true }, none],
    [
      'explicit false rules change nothing',
      { pin: false, ignore: false, stayOnCurrentMajor: false },
      { patch: '1.2.4', minor: '1.9.9', major: '3.0.0', latest: '3.0.0' },
    ],
    [
      'stayOnCurrentMajor',
      { stayOnCurrentMajor: true },
      { patch: '1.2.4', minor: '1.9.9', major: null, latest: '1.9.9' },
    ],
    [
      'stayBelow 2 drops 2.0.1 (precision-insensitive)',
      { stayBelow: '2' },
      { patch: '1.2.4', minor: '1.9.9', major: null, latest: '1.9.9' },
    ],
    [
      'stayBelow 2.5',
      { stayBelow: '2.5' },
      { patch: '1.2.4', minor: '1.9.9', major: '2.0.1', latest: '2.0.1' },
    ],
    [
      'stayBelow v3.0.0',
      { stayBelow: 'v3.0.0' },
      { patch: '1.2.4', minor: '1.9.9', major: '2.5.0', latest: '2.5.0' },
    ],
    [
      'include',
      { include: [TagPattern.parse('^1\\.')] },
      { patch: '1.2.4', minor: '1.9.9', major: null, latest: '1.9.9' },
    ],
    [
      'include: any pattern may match',
      { include: [TagPattern.parse('^1\\.2'), TagPattern.parse('^3')] },
      { patch: '1.2.4', minor: null, major: '3.0.0', latest: '3.0.0' },
    ],
    [
      'exclude',
      { exclude: [TagPattern.parse('^3\\.'), TagPattern.parse('9')] },
      { patch: '1.2.4', minor: '1.3.0', major: '2.5.0', latest: '2.5.0' },
    ],
    [
      'exclude wins over include',
      { include: [TagPattern.parse('^1\\.')], exclude: [TagPattern.parse('^1\\.9')] },
      { patch: '1.2.4', minor: '1.3.0', major: null, latest: '1.3.0' },
    ],
  ])('%s', (_name, rules, expected) => {
    expect(updates('1.2.3', tags, rules)).toEqual(expected);
  });

  it('a pattern shared by every call gives the same answer every time (it holds no match state)', () => {
    const rules: Rules = { include: [TagPattern.parse('^1\\.')] };
    const first = updates('1.2.3', tags, rules);
    expect(updates('1.2.3', tags, rules)).toEqual(first);
    expect(first.minor).toBe('1.9.9');
  });

  it.each(['abc', '2-alpine', '2.0rc1', ''])(
    'stayBelow %j is an InvalidRuleError naming the value',
    (stayBelow) => {
      expect(() => updates('1.2.3', tags, { stayBelow })).toThrow(InvalidRuleError);
      expect(() => explain('1.2.3', tags, { stayBelow })).toThrow(`stayBelow=${JSON.stringify(stayBelow)}`);
    },
  );
});

describe('explain', () => {
  type Expected = { kept: true; bump: Bump } | { kept: false; reason: DropReason };
  it.each<[string, string, Rules, Expected]>([
    ['1.2.3', '1.2.4', {}, { kept: true, bump: 'patch' }],
    ['1.2.3', '1.3.0', {}, { kept: true, bump: 'minor' }],
    ['1.2.3', '2.0.0', {}, { kept: true, bump: 'major' }],
    ['1.2.3.4', '1.2.3.5', {}, { kept: true, bump: 'patch' }],
    ['1.2.3.4', '1.2.4.0', {}, { kept: true, bump: 'patch' }],
    ['16rc1', '16', {}, { kept: true, bump: 'major' }],
    ['latest', '1.0', {}, { kept: false, reason: 'current-invalid' }],
    ['1.2.3', '1.2.4', { ignore: true }, { kept: false, reason: 'ignored' }],
    ['1.2.3', '1.2.4', { pin: true }, { kept: false, reason: 'pinned' }],
    ['1.2.3', 'latest', { pin: true }, { kept: false, reason: 'pinned' }],
    ['1.2.3', 'sha-abc1234', {}, { kept: false, reason: 'invalid' }],
    ['1.25-alpine', '1.26', {}, { kept: false, reason: 'suffix-differs' }],
    ['1.25-alpine', '1.26-bookworm', {}, { kept: false, reason: 'suffix-differs' }],
    ['1.25', '1.25.3', {}, { kept: false, reason: 'precision-differs' }],
    ['1.2.3', 'v1.2.3', {}, { kept: false, reason: 'same' }],
    ['18.04', '18.4', {}, { kept: false, reason: 'same' }],
    ['1.2.3', '1.2.2', {}, { kept: false, reason: 'older' }],
    ['3.8.0', '3.8.0b1', {}, { kept: false, reason: 'older' }],
    ['3.8.0', '3.8.1b1', {}, { kept: false, reason: 'prerelease' }],
    ['3.8.0b1', '3.8.1b1', {}, { kept: false, reason: 'prerelease' }],
    ['1.2.3', '1.2.4', { exclude: [TagPattern.parse('4$')] }, { kept: false, reason: 'excluded' }],
    ['1.2.3', '1.2.4', { include: [TagPattern.parse('^9')] }, { kept: false, reason: 'not-included' }],
    ['1.2.3', '2.0.0', { stayOnCurrentMajor: true }, { kept: false, reason: 'other-major' }],
    ['1.2.3', '2.0.0', { stayBelow: '2' }, { kept: false, reason: 'not-below' }],
    ['1.2.3', '2.0.0rc1', { stayBelow: '2' }, { kept: false, reason: 'prerelease' }],
    // The most basic reason wins when several apply.
    ['1.25-alpine', '1.26', { exclude: [TagPattern.parse('.')] }, { kept: false, reason: 'suffix-differs' }],
  ])('current %j, tag %j, rules %o', (current, tag, rules, expected) => {
    const [verdict] = explain(current, [tag], rules);
    expect(verdict).toMatchObject({ tag, ...expected });
  });

  it('keeps every tag in input order, each with a detail when dropped', () => {
    const tags = ['1.26-alpine', '1.26', 'latest', '1.25-alpine', '1.24-alpine', '2.0-alpine'];
    const verdicts = explain('1.25-alpine', tags);
    expect(verdicts.map((v) => v.tag)).toEqual(tags);
    expect(verdicts.map((v) => (v.kept ? v.bump : v.reason))).toEqual([
      'minor',
      'suffix-differs',
      'invalid',
      'same',
      'older',
      'major',
    ]);
    for (const verdict of verdicts) if (!verdict.kept) expect(verdict.detail).not.toBe('');
  });

  it('details name the values involved', () => {
    const [suffix, precision, prerelease, below] = explain(
      '1.25-alpine',
      ['1.26-bookworm', '1.25.1-alpine', '1.26rc1-alpine', '2.0-alpine'],
      { stayBelow: '2' },
    );
    expect(suffix).toMatchObject({ detail: 'suffix "bookworm" differs from the current "alpine"' });
    expect(precision).toMatchObject({ detail: '3 release numbers where "1.25-alpine" has 2' });
    expect(prerelease).toMatchObject({ detail: expect.stringContaining('"rc1"') });
    expect(below).toMatchObject({ detail: 'not below the stay-below limit 2' });
  });

  it('says current-invalid for every tag when the current tag is not a version', () => {
    const verdicts = explain('latest', ['1.0', 'latest', 'foo']);
    expect(verdicts.every((v) => !v.kept && v.reason === 'current-invalid')).toBe(true);
    expect(verdicts[0]).toMatchObject({ detail: expect.stringContaining('"latest"') });
  });

  it('quotes untrusted tags so control characters cannot forge a log line', () => {
    const [verdict] = explain('1.0', ['evil\ninjected']);
    expect(verdict).toMatchObject({ reason: 'invalid', detail: '"evil\\ninjected" is not a version tag' });
  });
});

describe('judge', () => {
  it('answers what updates and explain answer, in one pass (realistic tag lists)', () => {
    for (let index = 0; index < 30; index++) {
      const { runningTag, tags } = realisticRepository(index);
      const rules = index % 3 === 0 ? { stayOnCurrentMajor: true } : {};
      expect(judge(runningTag, tags, rules)).toEqual({
        updates: updates(runningTag, tags, rules),
        explain: explain(runningTag, tags, rules),
      });
    }
  });
});
