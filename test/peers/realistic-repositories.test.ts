import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../internal/version/parsed-version.js';
import { updates } from '../../internal/version/docker.js';
import { realisticRepository } from './realistic-repositories.js';

describe('realisticRepository', () => {
  const repositories = Array.from({ length: 200 }, (_, index) => realisticRepository(index));

  it('gives 50 to 400 distinct tags per repository, the same ones every time', () => {
    for (const { tags } of repositories) {
      expect(tags.length).toBeGreaterThanOrEqual(50);
      expect(tags.length).toBeLessThanOrEqual(400);
      expect(new Set(tags).size).toBe(tags.length);
    }
    expect(realisticRepository(42)).toEqual(realisticRepository(42));
    expect(realisticRepository(42).tags).not.toEqual(realisticRepository(43).tags);
    const average = repositories.reduce((sum, { tags }) => sum + tags.length, 0) / repositories.length;
    expect(average).toBeGreaterThan(180);
  });

  it('mixes precisions, suffixes, prereleases, dates, commit hashes and words', () => {
    const all = repositories.flatMap((repository) => repository.tags);
    const share = (pattern: RegExp) => all.filter((tag) => pattern.test(tag)).length / all.length;
    expect(share(/^v?\d+\.\d+\.\d+$/)).toBeGreaterThan(0.3); // full versions
    expect(share(/^v?\d+(\.\d+)?$/)).toBeGreaterThan(0.05); // floating 1.27 and 1
    expect(share(/^v?[\d.]+-(alpine|bookworm|slim|perl)/)).toBeGreaterThan(0.05);
    expect(share(/^v?[\d.]+(rc|b)\d$|-rc\.\d$/)).toBeGreaterThan(0.02);
    expect(share(/^20\d\d\.?\d\d\.?\d\d$/)).toBeGreaterThan(0.01);
    expect(share(/^(sha-)?[0-9a-f]{7}$/)).toBeGreaterThan(0.01);
    expect(all).toContain('latest');
    // Commit hashes and words are not versions; full versions are.
    expect(parseVersion('sha-0a1b2c3')).toBeNull();
  });

  it('runs an older full version that has newer ones, and has indexes and rebuilt tags', () => {
    for (const repository of repositories) {
      expect(repository.tags).toContain(repository.runningTag);
      expect(updates(repository.runningTag, repository.tags).latest).not.toBeNull();
    }
    expect(repositories.filter((repository) => repository.multiPlatform)).toHaveLength(40);
    expect(repositories.filter((repository) => repository.rebuilt)).toHaveLength(20);
  });
});
