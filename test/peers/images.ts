import { buildImage } from './image-builder.js';
import type { PushedImage, PushTarget, ImageSpec } from './image-types.js';
import { RegistrySession } from './registry-session.js';

// Builds deterministic test images (see image-builder.ts) and pushes them with plain fetch: no
// internet, no skopeo. The public face of the image side of the harness.

export type { ImagePlatform, ImageSpec, PushedImage, PushedManifest, PushTarget } from './image-types.js';
export { MANIFEST_ACCEPT, MEDIA_TYPES } from './image-types.js';
export { buildImage, hostPlatform } from './image-builder.js';
export { busyboxAvailable } from './busybox.js';

// One session per target and credentials, so tokens and the basic-auth choice outlive one push.
const sessions = new Map<string, RegistrySession>();

function sessionFor(target: PushTarget): RegistrySession {
  const key = JSON.stringify([target.url, target.username, target.password]);
  const session = sessions.get(key) ?? new RegistrySession(target);
  sessions.set(key, session);
  return session;
}

/** Pushes the image `spec` describes to `repository` and points every tag in `tags` at it (none: by digest only). */
export async function pushImage(
  target: PushTarget,
  repository: string,
  tags: readonly string[],
  spec: ImageSpec,
): Promise<PushedImage> {
  const session = sessionFor(target);
  const image = buildImage(spec);
  await Promise.all(
    image.manifests.map(async (manifest) => {
      await Promise.all(
        [manifest.config, ...manifest.layers].map((blob) => session.pushBlob(repository, blob)),
      );
      // Children of an index are pushed by digest before the index that names them.
      if (image.manifests.length > 1) {
        await session.putManifest(
          repository,
          manifest.digest,
          manifest.mediaType,
          manifest.bytes,
          manifest.digest,
        );
      }
    }),
  );
  // Without tags the image is still pushed, by digest.
  const references = tags.length > 0 ? tags : [image.digest];
  for (const reference of references) {
    await session.putManifest(repository, reference, image.mediaType, image.bytes, image.digest);
  }
  return {
    digest: image.digest,
    mediaType: image.mediaType,
    manifests: image.manifests.map((manifest) => ({
      platform: manifest.platform,
      digest: manifest.digest,
      configDigest: manifest.config.digest,
    })),
  };
}

/** Deletes a manifest by digest (and, on distribution 2.8, every tag pointing at it). */
export async function deleteManifest(target: PushTarget, repository: string, digest: string): Promise<void> {
  await sessionFor(target).deleteManifest(repository, digest);
}
