import { describe, expect, it } from 'vitest';
import { splitReference } from './reference-parts.js';

describe('splitReference', () => {
  it('splits repository, tag and digest', () => {
    expect(splitReference('ghcr.io/org/app:1.2@sha256:abc')).toEqual({
      repository: 'ghcr.io/org/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
  });

  it('does not take a registry port for a tag', () => {
    expect(splitReference('localhost:5000/app')).toEqual({
      repository: 'localhost:5000/app',
      tag: null,
      digest: null,
    });
    expect(splitReference('localhost:5000/app@sha256:abc').tag).toBeNull();
  });
});
