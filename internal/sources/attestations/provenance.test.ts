import { describe, expect, it } from 'vitest';
import { parseProvenance, repositoryUrl } from './provenance.js';

describe('parseProvenance', () => {
  it('reads BuildKit v1 provenance: configSource, the buildkit vcs metadata, finishedOn', () => {
    const provenance = parseProvenance('https://slsa.dev/provenance/v1', {
      buildDefinition: {
        externalParameters: {
          configSource: { uri: 'https://github.com/a/b.git#main', digest: { sha1: 'abc' } },
        },
      },
      runDetails: {
        builder: { id: 'https://ci/run/1' },
        metadata: {
          startedOn: '2026-01-01T00:00:00Z',
          finishedOn: '2026-01-01T00:01:00Z',
          'https://mobyproject.org/buildkit@v1#metadata': {
            vcs: { source: 'https://github.com/a/vcs', revision: 'def' },
          },
        },
      },
    });
    expect(provenance).toEqual({
      predicateType: 'https://slsa.dev/provenance/v1',
      builderId: 'https://ci/run/1',
      sourceRepository: 'https://github.com/a/vcs',
      revision: 'def',
      buildTime: Date.parse('2026-01-01T00:01:00Z'),
    });
  });

  it('a predicate of the wrong shape gives nulls, not a crash', () => {
    expect(parseProvenance('https://slsa.dev/provenance/v0.2', 'nonsense')).toEqual({
      predicateType: 'https://slsa.dev/provenance/v0.2',
      builderId: null,
      sourceRepository: null,
      revision: null,
      buildTime: null,
    });
  });
});

describe('repositoryUrl', () => {
  it.each([
    ['git+https://github.com/o/r@refs/heads/main', 'https://github.com/o/r'],
    ['https://github.com/o/r.git#refs/tags/v1', 'https://github.com/o/r'],
    ['https://gitlab.example/g/sub/r/', 'https://gitlab.example/g/sub/r'],
    ['https://user:secret-token@github.com/o/r.git', 'https://github.com/o/r'],
  ])('%s → %s', (input, url) => {
    expect(repositoryUrl(input)).toBe(url);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'ssh://git@github.com/o/r'])(
    'drops %s (never becomes a link)',
    (input) => {
      expect(repositoryUrl(input)).toBeNull();
    },
  );
});
