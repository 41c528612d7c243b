import { describe, expect, it } from 'vitest';
import { mergeEnrichment, type Enrichments } from './merge-enrichment.js';

const oci = { tags: ['outdated', 'bump:minor'], links: [{ type: 'source', url: 'https://github.com/o/r' }] };

describe('mergeEnrichment', () => {
  it('prefers a Markdown description (GitHub README, then Docker Hub) over the annotation text', () => {
    const found: Enrichments = {
      annotations: { description: { format: 'text', body: 'one line', source: 'oci-annotations' } },
      'docker-hub': { description: { format: 'markdown', body: '# hub', source: 'docker-hub' } },
    };
    expect(mergeEnrichment(oci, found).description?.source).toBe('docker-hub');
    const withReadme: Enrichments = {
      ...found,
      github: { description: { format: 'markdown', body: '# readme', source: 'github' } },
    };
    expect(mergeEnrichment(oci, withReadme).description?.source).toBe('github');
    expect(mergeEnrichment(oci, {}).description).toBeNull();
  });

  it('merges links once, release notes from GitHub else GitLab, vulnerabilities by id, and tags', () => {
    const note = (version: string) => ({ version, title: version, body: '', publishedAt: null, url: null });
    const vulnerability = {
      id: 'CVE-1',
      severity: 'high',
      summary: '',
      fixedIn: null,
      source: 'osv',
    } as const;
    const merged = mergeEnrichment(oci, {
      github: {
        links: [{ type: 'source', url: 'https://GitHub.com/o/r/' }],
        releaseNotes: [],
        tags: ['github'],
      },
      gitlab: { releaseNotes: [note('v2')], tags: ['gitlab'] },
      vulnerabilities: { vulnerabilities: [vulnerability], tags: ['vulnerability:high'] },
      quay: { vulnerabilities: [{ ...vulnerability, source: 'quay' }] },
    });
    expect(merged.links).toEqual(oci.links);
    expect(merged.releaseNotes.map((n) => n.version)).toEqual(['v2']);
    expect(merged.vulnerabilities).toEqual([vulnerability]);
    expect(merged.tags).toEqual(['outdated', 'bump:minor', 'github', 'gitlab', 'vulnerability:high']);
  });
});
