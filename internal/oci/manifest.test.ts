import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, ManifestShapeError, findPlatformManifest, parseManifest } from './manifest.js';

const D = (n: number) => `sha256:${String(n).repeat(64)}`;

describe('parseManifest', () => {
  it('reads an index with platforms, skipping attestation entries when matching', () => {
    const index = parseManifest(
      {
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: [
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: D(1),
            size: 5,
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: D(2),
            size: 5,
            platform: { os: 'unknown', architecture: 'unknown' },
          },
          {
            mediaType: MEDIA_TYPES.ociManifest,
            digest: D(3),
            size: 5,
            platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          },
        ],
        annotations: { a: 'b', n: 1 },
      },
      D(9),
      '',
    );
    expect(index.kind).toBe('index');
    expect(index.annotations).toEqual({ a: 'b' });
    if (index.kind !== 'index') return;
    expect(findPlatformManifest(index, { os: 'linux', architecture: 'arm64' })?.digest).toBe(D(3));
    expect(findPlatformManifest(index, { os: 'linux', architecture: 's390x' })).toBeUndefined();
  });

  it('takes the media type from Content-Type when the body has none (Docker v2)', () => {
    const manifest = parseManifest(
      { schemaVersion: 2, config: { mediaType: 'x', digest: D(4), size: 1 }, layers: [] },
      D(5),
      `${MEDIA_TYPES.dockerManifest}; charset=utf-8`,
    );
    expect(manifest).toMatchObject({
      kind: 'image',
      mediaType: MEDIA_TYPES.dockerManifest,
      config: { digest: D(4) },
    });
  });

  it('rejects schema 1, non-objects and descriptors without digest', () => {
    expect(() =>
      parseManifest({ schemaVersion: 1 }, D(1), 'application/vnd.docker.distribution.manifest.v1+prettyjws'),
    ).toThrow(ManifestShapeError);
    expect(() => parseManifest([], D(1), '')).toThrow(ManifestShapeError);
    expect(() => parseManifest({ mediaType: MEDIA_TYPES.ociIndex, manifests: [{}] }, D(1), '')).toThrow(
      ManifestShapeError,
    );
  });
});
