// What publishers write into their images: the OCI annotations
// (https://github.com/opencontainers/image-spec/blob/main/annotations.md) on the manifest or index,
// the same keys as config labels, and the older Label Schema labels
// (http://label-schema.org/rc1/). No network: the pipeline's `oci` job already read them.
import { httpUrl } from './links.js';
import { parseRepositoryUrl } from './source-repository.js';
import type { Enrichment, Link } from './types.js';

/** The annotations and config labels of one image, as the registry gave them. */
export interface ImageMetadata {
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** What an image says about itself, one field per meaning, whichever key carried it. */
export interface ImageSummary {
  readonly title: string | null;
  readonly description: string | null;
  readonly version: string | null;
  /** When the image was built, epoch ms. */
  readonly created: number | null;
  /** SPDX license expression. */
  readonly licenses: string | null;
  readonly vendor: string | null;
  /** The source repository URL as written (normalize it with source-repository.ts). */
  readonly source: string | null;
  /** The commit the image was built from. */
  readonly revision: string | null;
  /** Homepage (only http(s) URLs are kept, as for every link). */
  readonly url: string | null;
  readonly documentation: string | null;
  /** Label Schema `usage`: how to run the image (text or a URL). */
  readonly usage: string | null;
  readonly baseName: string | null;
  readonly baseDigest: string | null;
}

export interface AnnotationsInput {
  readonly current?: ImageMetadata;
  readonly currentTag?: string;
  readonly candidate?: ImageMetadata;
  readonly candidateTag?: string;
}

export interface AnnotationsResult {
  readonly enrichment: Enrichment;
  readonly current: ImageSummary;
  readonly candidate: ImageSummary;
}

// Per field, the keys in the order they are trusted; `org.opencontainers.image.*` wins over
// `org.label-schema.*`, which it replaced.
const KEYS: Readonly<Record<keyof ImageSummary, readonly string[]>> = {
  title: ['org.opencontainers.image.title', 'org.label-schema.name'],
  description: ['org.opencontainers.image.description', 'org.label-schema.description'],
  version: ['org.opencontainers.image.version', 'org.label-schema.version'],
  created: ['org.opencontainers.image.created', 'org.label-schema.build-date'],
  licenses: ['org.opencontainers.image.licenses'],
  vendor: ['org.opencontainers.image.vendor', 'org.label-schema.vendor'],
  source: ['org.opencontainers.image.source', 'org.label-schema.vcs-url'],
  revision: ['org.opencontainers.image.revision', 'org.label-schema.vcs-ref'],
  url: ['org.opencontainers.image.url', 'org.label-schema.url'],
  documentation: ['org.opencontainers.image.documentation'],
  usage: ['org.label-schema.usage'],
  baseName: ['org.opencontainers.image.base.name'],
  baseDigest: ['org.opencontainers.image.base.digest'],
};

const LINK_FIELDS = ['source', 'documentation', 'url'] as const;
const LINK_TYPES: Readonly<Record<(typeof LINK_FIELDS)[number], string>> = {
  source: 'source',
  documentation: 'documentation',
  url: 'homepage',
};

/** One image's summary: annotations first, then config labels, key by key. */
export function summarizeImage(metadata: ImageMetadata = {}): ImageSummary {
  const lookup = (field: keyof ImageSummary): string | null => {
    for (const key of KEYS[field]) {
      const value = metadata.annotations?.[key]?.trim() || metadata.labels?.[key]?.trim();
      if (value) return value;
    }
    return null;
  };
  const created = lookup('created');
  const createdMs = created === null ? Number.NaN : Date.parse(created);
  return {
    title: lookup('title'),
    description: lookup('description'),
    version: lookup('version'),
    created: Number.isNaN(createdMs) ? null : createdMs,
    licenses: lookup('licenses'),
    vendor: lookup('vendor'),
    source: lookup('source'),
    revision: lookup('revision'),
    url: httpUrl(lookup('url') ?? undefined),
    documentation: httpUrl(lookup('documentation') ?? undefined),
    usage: lookup('usage'),
    baseName: lookup('baseName'),
    baseDigest: lookup('baseDigest'),
  };
}

/**
 * The description and links of the candidate (what the user would move to), falling back to the
 * running image's; the build dates of both tags as release dates.
 */
export function annotationsEnrichment(input: AnnotationsInput): AnnotationsResult {
  const current = summarizeImage(input.current);
  const candidate = summarizeImage(input.candidate);
  const body = candidate.description ?? current.description;
  const links: Link[] = [];
  for (const field of LINK_FIELDS) {
    const value = candidate[field] ?? current[field] ?? undefined;
    // A source written as `git@host:o/r.git` or `git+https://…` becomes its https page.
    const url =
      (field === 'source' && value !== undefined ? parseRepositoryUrl(value)?.url : null) ?? httpUrl(value);
    if (url !== null) links.push({ type: LINK_TYPES[field], url });
  }
  const releaseDates: Record<string, number> = {};
  if (input.currentTag !== undefined && current.created !== null)
    releaseDates[input.currentTag] = current.created;
  if (input.candidateTag !== undefined && candidate.created !== null) {
    releaseDates[input.candidateTag] = candidate.created;
  }
  const enrichment: Enrichment = {
    ...(body === null ? {} : { description: { format: 'text', body, source: 'oci-annotations' } }),
    ...(links.length === 0 ? {} : { links }),
    ...(Object.keys(releaseDates).length === 0 ? {} : { releaseDates }),
  };
  return { enrichment, current, candidate };
}
