import { describe, expect, it } from 'vitest';
import { reachesVersion, releaseTagOf, releaseTagsInRange } from './release-range.js';

const GITHUB_STYLE = ['v1.5.0', 'v1.4.1', 'v1.4.0', 'v1.3.0', 'v1.2.0', 'v1.1.0'];

describe('releaseTagsInRange', () => {
  it.each([
    {
      name: 'v-prefixed releases for plain image tags, newest first, current excluded, candidate included',
      current: '1.2.0',
      candidate: '1.5.0',
      releases: GITHUB_STYLE,
      expected: ['v1.5.0', 'v1.4.1', 'v1.4.0', 'v1.3.0'],
    },
    {
      name: 'unsorted input comes out newest first',
      current: '1.2.0',
      candidate: '1.5.0',
      releases: ['v1.3.0', 'v1.5.0', 'v1.1.0', 'v1.4.1', 'v1.4.0'],
      expected: ['v1.5.0', 'v1.4.1', 'v1.4.0', 'v1.3.0'],
    },
    {
      name: 'image flavour suffix is ignored (1.25.3-alpine → v1.25.3)',
      current: '1.25.3-alpine',
      candidate: '1.27.0-alpine',
      releases: ['v1.27.0', 'v1.26.2', 'v1.25.4', 'v1.25.3', 'v1.25.2'],
      expected: ['v1.27.0', 'v1.26.2', 'v1.25.4'],
    },
    {
      name: 'release tags without v for a v-prefixed image tag',
      current: 'v2.0.0',
      candidate: 'v2.1.0',
      releases: ['2.1.0', '2.0.1', '2.0.0'],
      expected: ['2.1.0', '2.0.1'],
    },
    {
      name: 'prereleases are left out for a stable candidate',
      current: '1.4.0',
      candidate: '1.5.0',
      releases: ['v1.5.0', 'v1.5.0-rc.2', 'v1.5.0-rc.1', 'v1.5.0b1', 'v1.4.1'],
      expected: ['v1.5.0', 'v1.4.1'],
    },
    {
      name: 'prereleases are kept when the candidate is a prerelease',
      current: '3.7.0',
      candidate: '3.8.0b2',
      releases: ['v3.8.0', 'v3.8.0b2', 'v3.8.0b1', 'v3.7.1'],
      expected: ['v3.8.0b2', 'v3.8.0b1', 'v3.7.1'],
    },
    {
      name: 'two spellings of one version give the first listed',
      current: '1.0.0',
      candidate: '1.1.0',
      releases: ['1.1.0', 'v1.1.0'],
      expected: ['1.1.0'],
    },
    {
      name: 'tags that are not versions are ignored',
      current: '1.0.0',
      candidate: '1.1.0',
      releases: ['nightly', 'latest', 'v1.1.0', 'deadbeefcafe', 'release-candidate'],
      expected: ['v1.1.0'],
    },
    {
      name: 'a current tag that is not a version gives nothing',
      current: 'latest',
      candidate: '1.1.0',
      releases: ['v1.1.0'],
      expected: [],
    },
    {
      name: 'a candidate not above the current gives nothing',
      current: '1.5.0',
      candidate: '1.2.0',
      releases: GITHUB_STYLE,
      expected: [],
    },
    {
      name: 'double-digit parts order numerically, not as text',
      current: '1.9.0',
      candidate: '1.10.0',
      releases: ['v1.10.0', 'v1.9.1', 'v1.9.0', 'v1.1.0'],
      expected: ['v1.10.0', 'v1.9.1'],
    },
  ])('$name', ({ current, candidate, releases, expected }) => {
    expect(releaseTagsInRange(current, candidate, releases)).toEqual(expected);
  });

  it('reads monorepo tags of the named component only (app-v1.2.3, app@1.2.3, app_1.2.3)', () => {
    const releases = ['worker-v1.4.0', 'app@1.4.0', 'app-v1.3.0', 'app_1.2.1', 'worker-v1.2.5', 'app-v1.2.0'];
    expect(releaseTagsInRange('1.2.0', '1.4.0', releases, { component: 'app' })).toEqual([
      'app@1.4.0',
      'app-v1.3.0',
      'app_1.2.1',
    ]);
    // Without a component, prefixed tags are not versions at all.
    expect(releaseTagsInRange('1.2.0', '1.4.0', releases)).toEqual([]);
  });
});

describe('releaseTagOf', () => {
  it('finds the release tag of an image tag, whatever its v or flavour', () => {
    expect(releaseTagOf('1.2.0', GITHUB_STYLE)).toBe('v1.2.0');
    expect(releaseTagOf('1.2.0-alpine', GITHUB_STYLE)).toBe('v1.2.0');
    expect(releaseTagOf('1.2.0', ['app-v1.2.0'], { component: 'app' })).toBe('app-v1.2.0');
  });

  it('does not take a prerelease for the release, nor answer for a tag that is not a version', () => {
    expect(releaseTagOf('1.5.0', ['v1.5.0-rc.1'])).toBeNull();
    expect(releaseTagOf('latest', GITHUB_STYLE)).toBeNull();
    expect(releaseTagOf('1.9.9', GITHUB_STYLE)).toBeNull();
  });
});

describe('reachesVersion', () => {
  it('is true once a page holds the running version or an older one', () => {
    expect(reachesVersion('1.2.0', ['v1.5.0', 'v1.4.1', 'v1.4.0'])).toBe(false);
    expect(reachesVersion('1.2.0', ['v1.3.0', 'v1.2.0'])).toBe(true);
    expect(reachesVersion('1.2.5', ['v1.3.0', 'v1.2.0'])).toBe(true);
    expect(reachesVersion('1.2.0', ['nightly'])).toBe(false);
  });

  it('is true for a running tag that is not a version: there is nothing to page towards', () => {
    expect(reachesVersion('latest', ['v1.5.0'])).toBe(true);
  });
});
