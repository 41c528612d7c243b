import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { busyboxAvailable, busyboxLayerEntries } from './busybox.js';
import { ImageSpecError } from './errors.js';
import { MEDIA_TYPES, type ImagePlatform, type ImageSpec } from './image-types.js';
import { tarArchive, type TarEntry } from './tar-writer.js';

// Builds the blobs and manifests of an ImageSpec in memory, deterministically: the same spec gives
// the same bytes (mtime 0, fixed `created`, sorted labels), hence the same digests in any registry.

export interface Blob {
  readonly digest: string;
  readonly bytes: Buffer;
}

export interface BuiltManifest {
  readonly platform: ImagePlatform;
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly digest: string;
  readonly config: Blob;
  readonly layers: readonly Blob[];
}

export interface BuiltImage {
  /** The manifest or index the tags point at. */
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly digest: string;
  /** One per platform; for a single-platform spec, the top manifest itself. */
  readonly manifests: readonly BuiltManifest[];
}

const CREATED = '2024-01-01T00:00:00Z';

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function blobOf(bytes: Buffer): Blob {
  return { digest: sha256Digest(bytes), bytes };
}

export function platformKey(platform: ImagePlatform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

// Node's process.arch → the OCI/Go architecture name (image-spec config.md, GOARCH values).
const OCI_ARCHITECTURES: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };

/** The platform images must have to run here (dockerd only runs its own architecture). */
export function hostPlatform(): ImagePlatform {
  const architecture = OCI_ARCHITECTURES[process.arch] ?? process.arch;
  // arm64 images conventionally carry variant v8 (image-index.md, platform.variant).
  return architecture === 'arm64'
    ? { os: 'linux', architecture, variant: 'v8' }
    : { os: 'linux', architecture };
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Layer {
  readonly blob: Blob;
  /** sha256 of the uncompressed tar: the config's rootfs.diff_ids entry. */
  readonly diffId: string;
}

// Layers depend only on platform, salt and runnability (not on the repository or format), so one
// layer serves thousands of repositories; building (gzip of busybox) happens once per process.
const layers = new Map<string, Layer>();

function layerFor(platform: ImagePlatform, salt: string, runnable: boolean): Layer {
  const key = JSON.stringify([platformKey(platform), salt, runnable]);
  const cached = layers.get(key);
  if (cached) return cached;
  const marker = Buffer.from(`platform: ${platformKey(platform)}\nsalt: ${salt}\n`);
  const entries: TarEntry[] = [
    ...(runnable ? busyboxLayerEntries() : []),
    { type: 'directory', path: 'etc/', mode: 0o755 },
    { type: 'file', path: 'etc/cupdate-fixture', mode: 0o644, content: marker },
  ];
  const tar = tarArchive(entries);
  // zlib writes a gzip header with mtime 0 and a fixed OS byte: the same input, the same bytes.
  const layer = { blob: blobOf(gzipSync(tar, { level: 6 })), diffId: sha256Digest(tar) };
  layers.set(key, layer);
  return layer;
}

function checkSpec(spec: ImageSpec): void {
  if (spec.platforms.length === 0)
    throw new ImageSpecError('ImageSpec.platforms is empty: give at least one platform');
  const keys = spec.platforms.map(platformKey);
  if (new Set(keys).size !== keys.length) {
    throw new ImageSpecError(`ImageSpec.platforms repeats a platform (${keys.join(', ')}): list each once`);
  }
  if (spec.format === 'docker' && spec.annotations !== undefined) {
    throw new ImageSpecError(
      'ImageSpec.annotations needs format "oci": Docker schema 2 has no annotations; use labels',
    );
  }
  if (spec.runnable) {
    const unavailable = busyboxAvailable();
    if (unavailable !== null)
      throw new ImageSpecError(`a runnable image needs a static busybox: ${unavailable}`);
    const host = platformKey(hostPlatform());
    if (keys.some((key) => key !== host)) {
      throw new ImageSpecError(
        `a runnable image can only be built for the host platform ${host}, not ${keys.join(', ')}`,
      );
    }
  }
}

function buildManifest(spec: ImageSpec, platform: ImagePlatform): BuiltManifest {
  const types = MEDIA_TYPES[spec.format];
  const layer = layerFor(platform, spec.salt ?? '', spec.runnable === true);
  const config = blobOf(
    Buffer.from(
      JSON.stringify({
        created: CREATED,
        architecture: platform.architecture,
        ...(platform.variant ? { variant: platform.variant } : {}),
        os: platform.os,
        config: {
          ...(spec.runnable ? { Env: ['PATH=/bin'], Cmd: ['sleep', '3600'] } : {}),
          ...(spec.labels ? { Labels: sortedRecord(spec.labels) } : {}),
        },
        rootfs: { type: 'layers', diff_ids: [layer.diffId] },
        history: [{ created: CREATED, created_by: 'cupdate test peers (test/peers/images.ts)' }],
      }),
    ),
  );
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, digest: config.digest, size: config.bytes.length },
      layers: [{ mediaType: types.layer, digest: layer.blob.digest, size: layer.blob.bytes.length }],
      ...(spec.annotations ? { annotations: sortedRecord(spec.annotations) } : {}),
    }),
  );
  return {
    platform,
    mediaType: types.manifest,
    bytes,
    digest: sha256Digest(bytes),
    config,
    layers: [layer.blob],
  };
}

export function buildImage(spec: ImageSpec): BuiltImage {
  checkSpec(spec);
  const manifests = spec.platforms.map((platform) => buildManifest(spec, platform));
  const [only] = manifests;
  if (manifests.length === 1 && only) return { ...only, manifests };
  const mediaType = MEDIA_TYPES[spec.format].index;
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: manifests.map((manifest) => ({
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.bytes.length,
        platform: {
          architecture: manifest.platform.architecture,
          os: manifest.platform.os,
          ...(manifest.platform.variant ? { variant: manifest.platform.variant } : {}),
        },
      })),
      ...(spec.annotations ? { annotations: sortedRecord(spec.annotations) } : {}),
    }),
  );
  return { mediaType, bytes, digest: sha256Digest(bytes), manifests };
}
