import { describe, expect, it } from 'vitest';
import { formatPlatform, normalizePlatform, platformMatches } from './platform.js';

describe('platform matching (containerd platforms normalization)', () => {
  it.each([
    [{ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }, true],
    [{ os: 'linux', architecture: 'aarch64' }, { os: 'linux', architecture: 'arm64', variant: '8' }, true],
    [{ os: 'linux', architecture: 'x86_64' }, { os: 'linux', architecture: 'amd64' }, true],
    [{ os: 'Linux', architecture: 'amd64', variant: 'v1' }, { os: 'linux', architecture: 'amd64' }, true],
    [{ os: 'linux', architecture: 'arm' }, { os: 'linux', architecture: 'arm', variant: 'v7' }, true],
    [{ os: 'linux', architecture: 'armhf' }, { os: 'linux', architecture: 'arm', variant: '7' }, true],
    [{ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }, false],
    [
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      false,
    ],
    [{ os: 'linux', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64' }, false],
    [{ os: 'linux', architecture: 'amd64' }, { os: 'unknown', architecture: 'unknown' }, false],
    [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'amd64', variant: 'v3' }, false],
  ])('%j vs %j → %s', (wanted, candidate, expected) => {
    expect(platformMatches(wanted, candidate)).toBe(expected);
  });

  it('normalizes and formats', () => {
    expect(normalizePlatform({ os: 'linux', architecture: 'i386' })).toEqual({
      os: 'linux',
      architecture: '386',
      variant: '',
    });
    expect(formatPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64/v8');
    expect(formatPlatform({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  });
});
