import { describe, expect, it } from 'vitest';
import { normalizeSourceUrl, sourceRepository } from './source-url.js';

describe('normalizeSourceUrl', () => {
  it.each([
    ['https://github.com/o/r', 'https://github.com/o/r'],
    ['https://github.com/o/r.git', 'https://github.com/o/r'],
    ['https://github.com/o/r/', 'https://github.com/o/r'],
    ['http://gitlab.example.com/group/sub/r', 'https://gitlab.example.com/group/sub/r'],
    ['git@github.com:o/r.git', 'https://github.com/o/r'],
    ['git+https://github.com/o/r.git', 'https://github.com/o/r'],
    ['git://github.com/o/r', 'https://github.com/o/r'],
    ['ssh://git@github.com/o/r.git', 'https://github.com/o/r'],
    ['https://user:secret@GitHub.com/o/r?token=x#readme', 'https://github.com/o/r'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSourceUrl(input)).toBe(expected);
  });

  it.each(['', 'not a url', 'ftp://example.com/x', 'file:///etc/passwd', 'https://localhost/x'])(
    'rejects %j',
    (input) => {
      expect(normalizeSourceUrl(input)).toBeNull();
    },
  );
});

describe('sourceRepository', () => {
  it('prefers the OCI annotation, then the label-schema label, skipping unusable values', () => {
    expect(
      sourceRepository(
        { 'org.opencontainers.image.source': 'garbage' },
        { 'org.label-schema.vcs-url': 'git@gitlab.com:a/b.git' },
      ),
    ).toBe('https://gitlab.com/a/b');
    expect(
      sourceRepository(
        { 'org.opencontainers.image.source': 'https://github.com/a/annotation' },
        { 'org.opencontainers.image.source': 'https://github.com/a/label' },
      ),
    ).toBe('https://github.com/a/annotation');
    expect(sourceRepository({}, {})).toBeNull();
  });
});
