import { describe, expect, it } from 'vitest';
import { compareNumber, comparePrerelease, compareRelease, parseVersion } from './parsed-version.js';

describe('parseVersion', () => {
  it.each([
    ['1.2.3', { release: ['1', '2', '3'], prerelease: '', suffix: '', hasV: false }],
    ['v1.2.3', { release: ['1', '2', '3'], prerelease: '', suffix: '', hasV: true }],
    ['18.04', { release: ['18', '4'], prerelease: '', suffix: '', hasV: false }],
    ['3.8.0b1', { release: ['3', '8', '0'], prerelease: 'b1', suffix: '', hasV: false }],
    ['1.0rc2', { release: ['1', '0'], prerelease: 'rc2', suffix: '', hasV: false }],
    ['1.25-alpine', { release: ['1', '25'], prerelease: '', suffix: 'alpine', hasV: false }],
    [
      '3.12.1-slim-bookworm',
      { release: ['3', '12', '1'], prerelease: '', suffix: 'slim-bookworm', hasV: false },
    ],
    ['3.8.0b1-alpine', { release: ['3', '8', '0'], prerelease: 'b1', suffix: 'alpine', hasV: false }],
    // A `-rc1` is a suffix in Renovate's docker versioning, not a prerelease.
    ['1.2.3-rc1', { release: ['1', '2', '3'], prerelease: '', suffix: 'rc1', hasV: false }],
    ['2024.01.15', { release: ['2024', '1', '15'], prerelease: '', suffix: '', hasV: false }],
    ['000', { release: ['0'], prerelease: '', suffix: '', hasV: false }],
    ['1.2-', { release: ['1', '2'], prerelease: '', suffix: '', hasV: false }],
  ])('parses %j', (tag, expected) => {
    expect(parseVersion(tag)).toEqual(expected);
  });

  it.each([
    '',
    'v',
    'latest',
    'V1.2.3',
    'vv1',
    '1.2.',
    '.1',
    '1..2',
    '-alpine',
    '1.2.3+build',
    'deadbeef',
    '0a1b2c3-alpine',
    'v0a1b2c3',
  ])('refuses %j', (tag) => {
    expect(parseVersion(tag)).toBeNull();
  });
});

describe('parseVersion, kept', () => {
  it('answers the same frozen parse for a tag seen before, so sharing it is safe', () => {
    const first = parseVersion('4.17.2-alpine');
    expect(parseVersion('4.17.2-alpine')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.release)).toBe(true);
    expect(parseVersion('latest')).toBeNull();
    expect(parseVersion('latest')).toBeNull();
  });
});

describe('compareNumber', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['123', '123', 0],
    // Beyond 2^53 Number() would call these equal.
    ['99999999999999999999', '100000000000000000000', -1],
    ['9007199254740993', '9007199254740992', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareNumber(a, b))).toBe(sign);
  });
});

describe('compareRelease', () => {
  it.each([
    [['1', '2'], ['1', '10'], -1],
    [['2', '1'], ['2', '1', '1'], 1], // shorter is bigger, as in Renovate
    [['2', '1', '1'], ['2', '1'], -1],
    [['3'], ['3'], 0],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareRelease(a, b))).toBe(sign);
  });
});

describe('comparePrerelease', () => {
  it.each([
    ['', 'rc1', 1],
    ['rc1', '', -1],
    ['a1', 'b1', -1],
    ['b1', 'rc1', -1],
    ['rc2', 'rc10', -1], // Renovate's localeCompare gets this one wrong
    ['rc10', 'rc2', 1],
    ['rc', 'rc1', -1],
    ['rc01', 'rc1', -1], // equal numbers, a deterministic tie-break on the text
    ['beta', 'alpha', 1],
    ['rc1', 'rc1', 0],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(comparePrerelease(a, b))).toBe(sign);
  });
});
