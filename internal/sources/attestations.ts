// The attestations source: SLSA provenance and SBOMs an image carries in its registry, read through
// the RegistryClient (attestations/collect.ts says where they are found). docs/sources.md
// "Attestations" describes inputs and outputs.
import type { CallOptions, RegistryClient } from '../oci/client.js';
import { RegistryError } from '../oci/errors.js';
import type { ImagePlatform } from '../oci/platform.js';
import { InvalidReferenceError, parseReference, type ImageReference } from '../oci/reference.js';
import {
  AttestationLayerError,
  collectAttestations,
  type AttestationDocument,
} from './attestations/collect.js';
import { isProvenance, parseProvenance } from './attestations/provenance.js';
import { parseSbom, sbomFormatOf } from './attestations/sbom.js';
import type { AttestationEnrichment, Provenance, Sbom } from './attestations/types.js';
import { SourceError } from './types.js';

export type { AttestationEnrichment, Provenance, Sbom, SbomPackage } from './attestations/types.js';

export interface AttestationInput {
  /** The image as the pipeline normalized it, with a tag or digest: `docker.io/library/nginx:1.25`. */
  readonly reference: string;
  /** The platform it runs on: picks the manifest whose attestations count in an index. */
  readonly platform: ImagePlatform;
}

const SOURCE = 'attestations';

/**
 * Provenance and SBOM of `input.reference` on `input.platform`. An image without attestations gives
 * `{ tags: [] }`; a registry failure or an unreadable attestation throws SourceError.
 */
export async function fetchAttestations(
  registry: RegistryClient,
  input: AttestationInput,
  options: CallOptions = {},
): Promise<AttestationEnrichment> {
  const reference = parse(input.reference);
  try {
    const { index, manifest } = await registry.getPlatformManifest(
      reference,
      reference.digest ?? reference.tag ?? 'latest',
      input.platform,
      options,
    );
    const documents = await collectAttestations(registry, reference, index, manifest, options);
    return toEnrichment(firstProvenance(documents), firstSbom(documents));
  } catch (error) {
    if (error instanceof RegistryError || error instanceof AttestationLayerError) {
      throw new SourceError(SOURCE, `failed: attestations of ${reference.toString()}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function parse(input: string): ImageReference {
  try {
    return parseReference(input);
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new SourceError(SOURCE, `skipped: ${error.message}`, { cause: error });
  }
}

function firstProvenance(documents: readonly AttestationDocument[]): Provenance | undefined {
  for (const entry of documents) {
    if (entry.kind === 'statement' && isProvenance(entry.statement.predicateType)) {
      return parseProvenance(entry.statement.predicateType, entry.statement.predicate);
    }
  }
  return undefined;
}

/** An SBOM statement (predicate `https://spdx.dev/Document`, `https://cyclonedx.org/bom`, any version) or a bare document. */
function firstSbom(documents: readonly AttestationDocument[]): Sbom | undefined {
  for (const entry of documents) {
    const document = entry.kind === 'statement' ? entry.statement.predicate : entry.document;
    const format = sbomFormatOf(document);
    if (format !== null) return parseSbom(format, document);
  }
  return undefined;
}

function toEnrichment(provenance: Provenance | undefined, sbom: Sbom | undefined): AttestationEnrichment {
  const source = provenance?.sourceRepository ?? null;
  return {
    ...(provenance === undefined ? {} : { provenance }),
    ...(sbom === undefined ? {} : { sbom }),
    ...(source === null ? {} : { links: [{ type: 'source', url: source }] }),
    tags: [
      ...(provenance !== undefined || sbom !== undefined ? ['attestation'] : []),
      ...(sbom === undefined ? [] : ['sbom']),
    ],
  };
}
