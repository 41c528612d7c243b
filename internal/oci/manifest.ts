// Manifest and index documents as the OCI image spec (image-index.md, manifest.md, descriptor.md)
// and Docker's image manifest v2 schema 2 define them, narrowed from untrusted JSON.
import type { ImagePlatform } from './platform.js';
import { platformMatches } from './platform.js';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/**
 * Every manifest type we read. Registries pick the representation from Accept: without all four,
 * distribution 2.8 answers 404 for an OCI index and down-converts a Docker list to schema 1.
 */
export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ');

const INDEX_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const IMAGE_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: ImagePlatform;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

interface ManifestBase {
  /** The digest of the exact bytes the registry served (verified). */
  readonly digest: string;
  readonly mediaType: string;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ImageIndex extends ManifestBase {
  readonly kind: 'index';
  readonly manifests: readonly Descriptor[];
}

export interface ImageManifest extends ManifestBase {
  readonly kind: 'image';
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly artifactType?: string;
  readonly subject?: Descriptor;
}

export type Manifest = ImageIndex | ImageManifest;

/** Why a document could not be read as a manifest; the caller turns it into a registry error. */
export class ManifestShapeError extends Error {
  override readonly name = 'ManifestShapeError';
}

/** Whether a manifest media type (a HEAD's Content-Type) is an index or an image; null for others. */
export function manifestKindOf(mediaType: string): Manifest['kind'] | null {
  if (INDEX_TYPES.has(mediaType)) return 'index';
  return IMAGE_TYPES.has(mediaType) ? 'image' : null;
}

/** `contentType` is the response's Content-Type; the body's own mediaType wins when present. */
export function parseManifest(json: unknown, digest: string, contentType: string): Manifest {
  if (!isRecord(json)) throw new ManifestShapeError('the manifest is not a JSON object');
  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : contentType.split(';')[0]!.trim();
  const annotations = stringRecord(json.annotations);
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(json.manifests)) throw new ManifestShapeError('the index has no "manifests" array');
    return { kind: 'index', digest, mediaType, annotations, manifests: json.manifests.map(parseDescriptor) };
  }
  if (IMAGE_TYPES.has(mediaType)) {
    const layers = Array.isArray(json.layers) ? json.layers.map(parseDescriptor) : [];
    return {
      kind: 'image',
      digest,
      mediaType,
      annotations,
      config: parseDescriptor(json.config),
      layers,
      ...(typeof json.artifactType === 'string' ? { artifactType: json.artifactType } : {}),
      ...(json.subject === undefined ? {} : { subject: parseDescriptor(json.subject) }),
    };
  }
  throw new ManifestShapeError(`unsupported manifest media type ${JSON.stringify(mediaType)}`);
}

export function parseDescriptor(value: unknown): Descriptor {
  if (!isRecord(value) || typeof value.digest !== 'string' || typeof value.mediaType !== 'string') {
    throw new ManifestShapeError('a descriptor lacks "digest" or "mediaType"');
  }
  const platform = value.platform;
  return {
    mediaType: value.mediaType,
    digest: value.digest,
    size: typeof value.size === 'number' ? value.size : 0,
    ...(isRecord(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string'
      ? {
          platform: {
            os: platform.os,
            architecture: platform.architecture,
            ...(typeof platform.variant === 'string' ? { variant: platform.variant } : {}),
          },
        }
      : {}),
    ...(typeof value.artifactType === 'string' ? { artifactType: value.artifactType } : {}),
    ...(isRecord(value.annotations) ? { annotations: stringRecord(value.annotations) } : {}),
  };
}

/** The index entry for `platform`, or undefined. */
export function findPlatformManifest(index: ImageIndex, platform: ImagePlatform): Descriptor | undefined {
  return index.manifests.find(
    (entry) => entry.platform !== undefined && platformMatches(platform, entry.platform),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringRecord(value: unknown): Readonly<Record<string, string>> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
