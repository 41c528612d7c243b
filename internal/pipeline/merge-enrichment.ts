// The final summary of a processed image: the `oci` job's result, tags and links merged with what
// every enrichment job that succeeded found (docs/pipeline.md, "Merging"). Pure: no I/O.
import { mergeLinks } from '../sources/links.js';
import type { Description, Enrichment, Link, ReleaseNote, Vulnerability } from '../sources/types.js';

export type EnrichmentJob =
  'annotations' | 'docker-hub' | 'quay' | 'github' | 'gitlab' | 'attestations' | 'vulnerabilities';

/** What each enrichment job that succeeded found, whole (the jobs' outputs, not the run record's copies). */
export type Enrichments = Partial<Readonly<Record<EnrichmentJob, Enrichment>>>;

export interface MergedEnrichment {
  readonly description: Description | null;
  readonly links: Link[];
  readonly releaseNotes: readonly ReleaseNote[];
  readonly vulnerabilities: readonly Vulnerability[];
  readonly tags: string[];
}

// Who describes an image best: a Markdown text (GitHub's README, Docker Hub's full description,
// GitLab's and Quay's descriptions) before a one-line text, and among equals the first here. The
// image's own annotation is usually one line, so it comes last.
const DESCRIPTION_ORDER: readonly EnrichmentJob[] = ['github', 'docker-hub', 'gitlab', 'quay', 'annotations'];
// Links: the most trusted first (mergeLinks keeps the first of two equal URLs).
const LINK_ORDER: readonly EnrichmentJob[] = [
  'annotations',
  'github',
  'gitlab',
  'docker-hub',
  'quay',
  'attestations',
];
// Release notes come from the source repository: GitHub's releases, else GitLab's.
const NOTES_ORDER: readonly EnrichmentJob[] = ['github', 'gitlab'];
// OSV's list carries the update effects; Quay's scan adds what OSV did not know.
const VULNERABILITY_ORDER: readonly EnrichmentJob[] = ['vulnerabilities', 'quay'];
const TAG_ORDER: readonly EnrichmentJob[] = ['github', 'gitlab', 'attestations', 'vulnerabilities', 'quay'];

export function mergeEnrichment(
  oci: { readonly tags: readonly string[]; readonly links: readonly Link[] },
  found: Enrichments,
): MergedEnrichment {
  const of = (order: readonly EnrichmentJob[]): Enrichment[] => order.flatMap((job) => found[job] ?? []);
  const descriptions = of(DESCRIPTION_ORDER).flatMap((enrichment) => enrichment.description ?? []);
  return {
    description:
      descriptions.find((description) => description.format === 'markdown') ?? descriptions[0] ?? null,
    links: mergeLinks(oci.links, ...of(LINK_ORDER).map((enrichment) => enrichment.links)),
    releaseNotes:
      of(NOTES_ORDER).find((enrichment) => (enrichment.releaseNotes?.length ?? 0) > 0)?.releaseNotes ?? [],
    vulnerabilities: uniqueById(
      of(VULNERABILITY_ORDER).flatMap((enrichment) => enrichment.vulnerabilities ?? []),
    ),
    tags: [...new Set([...oci.tags, ...of(TAG_ORDER).flatMap((enrichment) => enrichment.tags ?? [])])],
  };
}

function uniqueById(vulnerabilities: readonly Vulnerability[]): Vulnerability[] {
  const seen = new Set<string>();
  return vulnerabilities.filter((vulnerability) => {
    if (seen.has(vulnerability.id)) return false;
    seen.add(vulnerability.id);
    return true;
  });
}
