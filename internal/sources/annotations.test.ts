import { describe, expect, it } from 'vitest';
import { annotationsEnrichment, summarizeImage } from './annotations.js';

const CURRENT = {
  annotations: {
    'org.opencontainers.image.source': 'git@github.com:acme/app.git',
    'org.opencontainers.image.created': '2026-01-02T03:04:05Z',
    'org.opencontainers.image.description': 'App 1.0',
  },
  labels: { 'org.opencontainers.image.url': 'https://acme.example/app' },
};

const CANDIDATE = {
  annotations: {
    'org.opencontainers.image.title': 'app',
    'org.opencontainers.image.description': 'App 2.0 <b>bold</b>',
    'org.opencontainers.image.version': '2.0.0',
    'org.opencontainers.image.created': '2026-06-01T00:00:00Z',
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.vendor': 'ACME',
    'org.opencontainers.image.revision': 'abc123',
    'org.opencontainers.image.documentation': 'https://docs.acme.example/app',
    'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.20',
    'org.opencontainers.image.base.digest': `sha256:${'d'.repeat(64)}`,
  },
};

describe('summarizeImage', () => {
  it('reads every OCI key, annotations before labels', () => {
    expect(
      summarizeImage({
        annotations: { ...CANDIDATE.annotations, 'org.opencontainers.image.title': 'from-annotation' },
        labels: {
          'org.opencontainers.image.title': 'from-label',
          'org.opencontainers.image.source': 'https://github.com/acme/app',
        },
      }),
    ).toEqual({
      title: 'from-annotation',
      description: 'App 2.0 <b>bold</b>',
      version: '2.0.0',
      created: Date.parse('2026-06-01T00:00:00Z'),
      licenses: 'Apache-2.0',
      vendor: 'ACME',
      source: 'https://github.com/acme/app',
      revision: 'abc123',
      url: null,
      documentation: 'https://docs.acme.example/app',
      usage: null,
      baseName: 'docker.io/library/alpine:3.20',
      baseDigest: `sha256:${'d'.repeat(64)}`,
    });
  });

  it('falls back to Label Schema labels, and OCI labels win over them', () => {
    const summary = summarizeImage({
      labels: {
        'org.label-schema.vcs-url': 'https://github.com/old/schema',
        'org.label-schema.url': 'https://old.example',
        'org.label-schema.usage': 'docker run -p 80:80 app',
        'org.label-schema.description': 'old description',
        'org.label-schema.version': '1.2.3',
        'org.label-schema.build-date': '2020-01-01T00:00:00Z',
        'org.label-schema.vcs-ref': 'deadbeef',
        'org.opencontainers.image.version': '1.2.4',
      },
    });
    expect(summary).toMatchObject({
      source: 'https://github.com/old/schema',
      url: 'https://old.example/',
      usage: 'docker run -p 80:80 app',
      description: 'old description',
      version: '1.2.4',
      created: Date.parse('2020-01-01T00:00:00Z'),
      revision: 'deadbeef',
    });
  });

  it('ignores blank values, unreadable dates and links that are not http(s)', () => {
    const summary = summarizeImage({
      annotations: {
        'org.opencontainers.image.title': '   ',
        'org.opencontainers.image.created': 'yesterday',
        'org.opencontainers.image.url': 'javascript:alert(1)',
        'org.opencontainers.image.documentation': 'file:///etc/passwd',
      },
      labels: { 'org.opencontainers.image.title': 'label title' },
    });
    expect(summary).toMatchObject({ title: 'label title', created: null, url: null, documentation: null });
  });

  it('gives an all-null summary for an image without metadata', () => {
    expect(Object.values(summarizeImage()).every((value) => value === null)).toBe(true);
  });
});

describe('annotationsEnrichment', () => {
  it("takes the candidate's description and links, falling back to the current image's", () => {
    const { enrichment, current, candidate } = annotationsEnrichment({
      current: CURRENT,
      currentTag: '1.0.0',
      candidate: CANDIDATE,
      candidateTag: '2.0.0',
    });
    expect(enrichment).toEqual({
      description: { format: 'text', body: 'App 2.0 <b>bold</b>', source: 'oci-annotations' },
      links: [
        { type: 'source', url: 'https://github.com/acme/app' },
        { type: 'documentation', url: 'https://docs.acme.example/app' },
        { type: 'homepage', url: 'https://acme.example/app' },
      ],
      releaseDates: {
        '1.0.0': Date.parse('2026-01-02T03:04:05Z'),
        '2.0.0': Date.parse('2026-06-01T00:00:00Z'),
      },
    });
    expect(current.description).toBe('App 1.0');
    expect(candidate.version).toBe('2.0.0');
  });

  it('gives an empty enrichment when neither image says anything', () => {
    expect(annotationsEnrichment({ currentTag: '1', candidateTag: '2' }).enrichment).toEqual({});
  });
});
