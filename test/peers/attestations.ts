import { ImageSpecError, RegistryRequestError } from './errors.js';
import { buildImage, sha256Digest, type Blob } from './image-builder.js';
import { MEDIA_TYPES, type ImageSpec, type PushTarget } from './image-types.js';
import { pushImage } from './images.js';
import { RegistrySession } from './registry-session.js';

// Pushes attestations into a real test registry the two ways images carry them:
// - BuildKit attestation manifests inside the image index (platform unknown/unknown, annotations
//   vnd.docker.reference.type/digest; BuildKit docs/attestations/attestation-storage.md);
// - OCI 1.1 artifacts with a `subject`, listed through the referrers tag schema
//   (distribution-spec "Referrers Tag Schema"), since distribution 2.8 has no referrers API.

export const IN_TOTO = 'application/vnd.in-toto+json';
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v0.1';
const EMPTY_CONFIG = 'application/vnd.oci.empty.v1+json';

export interface InTotoAttestation {
  readonly predicateType: string;
  readonly predicate: unknown;
}

export interface Subject {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

export interface AttestedImage {
  /** The index the tag points at. */
  readonly indexDigest: string;
  /** The platform manifest, the subject of the attestations. */
  readonly manifest: Subject;
  readonly attestationDigest: string;
}

export interface ReferrerArtifact {
  readonly artifactType: string;
  readonly layerMediaType: string;
  /** The layer's bytes: an SBOM document, an in-toto statement, or anything (to test garbage). */
  readonly content: Buffer;
}

const blobOf = (bytes: Buffer): Blob => ({ digest: sha256Digest(bytes), bytes });
const jsonBlob = (value: unknown): Blob => blobOf(Buffer.from(JSON.stringify(value)));

/** The in-toto statement BuildKit writes, about `subject`. */
export function statementAbout(subject: Subject, attestation: InTotoAttestation): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: STATEMENT_TYPE,
      subject: [{ name: '_', digest: { sha256: subject.digest.replace('sha256:', '') } }],
      predicateType: attestation.predicateType,
      predicate: attestation.predicate,
    }),
  );
}

/**
 * Pushes the single-platform image `spec` by digest, an attestation manifest holding `attestations`
 * about it, and an OCI index of both tagged `tag`, as `docker buildx build --attest` does.
 */
export async function pushBuildkitAttestedImage(
  target: PushTarget,
  repository: string,
  tag: string,
  spec: ImageSpec,
  attestations: readonly InTotoAttestation[],
): Promise<AttestedImage> {
  const [platform] = spec.platforms;
  if (platform === undefined || spec.platforms.length !== 1 || spec.format !== 'oci') {
    throw new ImageSpecError(
      'pushBuildkitAttestedImage needs ImageSpec.format "oci" and exactly one platform: BuildKit attests each platform manifest',
    );
  }
  const manifest = await pushSubject(target, repository, [], spec);
  const layers = attestations.map((attestation) => ({
    blob: blobOf(statementAbout(manifest, attestation)),
    predicateType: attestation.predicateType,
  }));
  const config = jsonBlob({
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.blob.digest) },
  });
  const session = new RegistrySession(target);
  const attestation = await putManifest(
    session,
    repository,
    MEDIA_TYPES.oci.manifest,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.oci.manifest,
      config: { mediaType: MEDIA_TYPES.oci.config, digest: config.digest, size: config.bytes.length },
      layers: layers.map((layer) => ({
        mediaType: IN_TOTO,
        digest: layer.blob.digest,
        size: layer.blob.bytes.length,
        annotations: { 'in-toto.io/predicate-type': layer.predicateType },
      })),
    },
    [config, ...layers.map((layer) => layer.blob)],
  );
  const index = await putManifest(
    session,
    repository,
    MEDIA_TYPES.oci.index,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.oci.index,
      manifests: [
        { ...manifest, platform: { architecture: platform.architecture, os: platform.os } },
        {
          ...attestation,
          platform: { architecture: 'unknown', os: 'unknown' },
          annotations: {
            'vnd.docker.reference.digest': manifest.digest,
            'vnd.docker.reference.type': 'attestation-manifest',
          },
        },
      ],
    },
    [],
    tag,
  );
  return { indexDigest: index.digest, manifest, attestationDigest: attestation.digest };
}

/** Pushes the image `spec` with `tags` (see pushImage) and returns its descriptor, to name it as a subject. */
export async function pushSubject(
  target: PushTarget,
  repository: string,
  tags: readonly string[],
  spec: ImageSpec,
): Promise<Subject> {
  const image = buildImage(spec);
  await pushImage(target, repository, tags, spec);
  return { mediaType: image.mediaType, digest: image.digest, size: image.bytes.length };
}

/**
 * Pushes an OCI 1.1 artifact manifest about `subject` and adds it to the subject's referrers
 * tag-schema index (`sha256-<hex>`), as a client pushing to a registry without the referrers API must.
 */
export async function pushReferrer(
  target: PushTarget,
  repository: string,
  subject: Subject,
  artifact: ReferrerArtifact,
): Promise<Subject> {
  const session = new RegistrySession(target);
  const config = blobOf(Buffer.from('{}'));
  const layer = blobOf(artifact.content);
  const pushed = await putManifest(
    session,
    repository,
    MEDIA_TYPES.oci.manifest,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.oci.manifest,
      artifactType: artifact.artifactType,
      config: { mediaType: EMPTY_CONFIG, digest: config.digest, size: config.bytes.length },
      layers: [{ mediaType: artifact.layerMediaType, digest: layer.digest, size: layer.bytes.length }],
      subject,
    },
    [config, layer],
  );
  const fallbackTag = subject.digest.replace(':', '-');
  const existing = await referrersIndex(session, repository, fallbackTag);
  await putManifest(
    session,
    repository,
    MEDIA_TYPES.oci.index,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.oci.index,
      manifests: [...existing, { ...pushed, artifactType: artifact.artifactType }],
    },
    [],
    fallbackTag,
  );
  return pushed;
}

async function referrersIndex(session: RegistrySession, repository: string, tag: string): Promise<unknown[]> {
  const response = await session.send(
    'GET',
    `/v2/${repository}/manifests/${tag}`,
    `repository:${repository}:pull`,
    {
      headers: { accept: MEDIA_TYPES.oci.index },
    },
  );
  const body = await response.text();
  if (response.status === 404) return [];
  if (response.status !== 200) {
    throw new RegistryRequestError(
      `GET referrers index ${repository}:${tag} answered ${response.status}`,
      response.status,
    );
  }
  return (JSON.parse(body) as { manifests: unknown[] }).manifests;
}

/** Pushes `blobs`, then the manifest by digest (and `tag` when given); returns its descriptor. */
async function putManifest(
  session: RegistrySession,
  repository: string,
  mediaType: string,
  document: unknown,
  blobs: readonly Blob[],
  tag?: string,
): Promise<Subject> {
  await Promise.all(blobs.map((blob) => session.pushBlob(repository, blob)));
  const bytes = Buffer.from(JSON.stringify(document));
  const digest = sha256Digest(bytes);
  await session.putManifest(repository, tag ?? digest, mediaType, bytes, digest);
  return { mediaType, digest, size: bytes.length };
}
