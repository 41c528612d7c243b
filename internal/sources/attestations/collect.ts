// Finds an image's attestations in the registry, the two ways they are attached:
// (b) BuildKit: in the image index, a manifest with platform unknown/unknown and annotations
//     `vnd.docker.reference.type: attestation-manifest`, `vnd.docker.reference.digest: <platform
//     manifest digest>`, whose layers are in-toto statements (BuildKit docs/attestations/
//     attestation-storage.md);
// (a) OCI 1.1 referrers of the platform manifest or the index (distribution-spec "Listing
//     Referrers", with the client's tag-schema fallback), whose layers are statements, DSSE
//     envelopes or bare SPDX / CycloneDX documents.
import type { CallOptions, RegistryClient } from '../../oci/client.js';
import type { Descriptor, ImageIndex, ImageManifest } from '../../oci/manifest.js';
import type { ImageReference } from '../../oci/reference.js';
import { parseJson, parseStatement, StatementShapeError, type Statement } from './in-toto.js';
import { ATTESTATION_MEDIA_TYPES } from './types.js';

/** One attestation layer, read: an in-toto statement, or an SBOM document attached bare. */
export type AttestationDocument =
  | { readonly kind: 'statement'; readonly statement: Statement }
  | { readonly kind: 'document'; readonly document: unknown };

const REFERRER_ARTIFACT_TYPES: ReadonlySet<string> = new Set(Object.values(ATTESTATION_MEDIA_TYPES));
const STATEMENT_LAYERS: ReadonlySet<string> = new Set([
  ATTESTATION_MEDIA_TYPES.inToto,
  ATTESTATION_MEDIA_TYPES.dsse,
]);
const DOCUMENT_LAYERS: ReadonlySet<string> = new Set([
  ATTESTATION_MEDIA_TYPES.spdx,
  ATTESTATION_MEDIA_TYPES.cyclonedx,
]);
// An image with more attachments than this is unusual; reading them all would cost a request each.
const MAX_ATTACHMENTS = 16;

/** Thrown for a layer that is not what its media type says; names the blob. */
export class AttestationLayerError extends Error {
  override readonly name = 'AttestationLayerError';
}

export async function collectAttestations(
  registry: RegistryClient,
  repository: ImageReference,
  index: ImageIndex | null,
  manifest: ImageManifest,
  options: CallOptions,
): Promise<AttestationDocument[]> {
  const subjects = [manifest.digest, ...(index === null ? [] : [index.digest])];
  const referrers = await Promise.all(
    subjects.map((digest) => registry.getReferrers(repository, digest, options)),
  );
  const attachments = [
    ...buildkitAttestations(index, manifest.digest),
    ...referrers.flat().filter((entry) => REFERRER_ARTIFACT_TYPES.has(entry.artifactType ?? '')),
  ].slice(0, MAX_ATTACHMENTS);
  const layers = await Promise.all(
    attachments.map(async (entry) => {
      const attached = await registry.getManifest(repository, entry.digest, options);
      return attached.kind === 'image' ? attached.layers : [];
    }),
  );
  const readable = layers
    .flat()
    .filter((layer) => STATEMENT_LAYERS.has(layer.mediaType) || DOCUMENT_LAYERS.has(layer.mediaType));
  return Promise.all(readable.map((layer) => readLayer(registry, repository, layer, options)));
}

function buildkitAttestations(index: ImageIndex | null, manifestDigest: string): Descriptor[] {
  return (index?.manifests ?? []).filter(
    (entry) =>
      entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' &&
      entry.annotations['vnd.docker.reference.digest'] === manifestDigest,
  );
}

async function readLayer(
  registry: RegistryClient,
  repository: ImageReference,
  layer: Descriptor,
  options: CallOptions,
): Promise<AttestationDocument> {
  const bytes = await registry.getBlob(repository, layer.digest, options);
  try {
    return STATEMENT_LAYERS.has(layer.mediaType)
      ? { kind: 'statement', statement: parseStatement(bytes) }
      : { kind: 'document', document: parseJson(new TextDecoder().decode(bytes)) };
  } catch (error) {
    if (!(error instanceof StatementShapeError)) throw error;
    throw new AttestationLayerError(
      `the ${layer.mediaType} layer ${repository.name}@${layer.digest} is unreadable: ${error.message}`,
      { cause: error },
    );
  }
}
