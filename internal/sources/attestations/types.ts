// What the attestations source reads from an image's SLSA provenance and SBOM attestations.
import type { Enrichment } from '../types.js';

/** Who built the image, from what, and when (SLSA provenance v0.2 or v1). */
export interface Provenance {
  /** `https://slsa.dev/provenance/v0.2` or `https://slsa.dev/provenance/v1`. */
  readonly predicateType: string;
  readonly builderId: string | null;
  /** An http(s) URL of the source repository, without `git+`, `.git` or a `#ref`; null when unknown. */
  readonly sourceRepository: string | null;
  /** The commit the image was built from. */
  readonly revision: string | null;
  /** When the build finished (or started, when only that is known), epoch ms. */
  readonly buildTime: number | null;
}

export interface SbomPackage {
  readonly name: string;
  readonly version: string | null;
  /** Package URL (https://github.com/package-url/purl-spec), as the SBOM states it. */
  readonly purl: string | null;
  /** The OSV ecosystem the purl type names (`npm`, `PyPI`, `Debian`, …); null when unknown. */
  readonly ecosystem: string | null;
}

export type SbomFormat = 'spdx' | 'cyclonedx';

export interface Sbom {
  readonly format: SbomFormat;
  readonly packages: readonly SbomPackage[];
}

/** An `Enrichment` (tags `attestation`, `sbom`; a `source` link) plus what was read. */
export interface AttestationEnrichment extends Enrichment {
  readonly provenance?: Provenance;
  readonly sbom?: Sbom;
}

/** Predicate types this source reads (in-toto `predicateType`). */
export const PREDICATE_TYPES = {
  slsaV02: 'https://slsa.dev/provenance/v0.2',
  slsaV1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
} as const;

/** Media types of attestation layers and referrer artifacts. */
export const ATTESTATION_MEDIA_TYPES = {
  inToto: 'application/vnd.in-toto+json',
  dsse: 'application/vnd.dsse.envelope.v1+json',
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json',
} as const;
