// Step 4 of the `oci` job: the manifest of the newest image for our platform (the latest candidate,
// or the running tag when there is none), for its digest, config and OCI annotations. Fetching the
// running tag again costs nothing: checkImage just read it and the HTTP client serves it from cache.
import type { RegistryClient } from '../oci/client.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { ImagePlatform } from '../oci/platform.js';
import type { ImageReference } from '../oci/reference.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';

export function latestManifestStep(client: RegistryClient) {
  return defineStep({
    id: 'latest-manifest',
    name: 'Read the latest manifest',
    inputs: {
      image: requiredInput<ImageReference>(),
      target: requiredInput<string>(),
      platform: requiredInput<ImagePlatform>(),
    },
    outputs: {
      manifest: output<ImageManifest>(),
      /** What the target points at: the index digest for a multi-platform image, else the manifest's. */
      digest: output<string>(),
      /** The index's annotations overlaid with the platform manifest's (the nearer one wins). */
      annotations: output<Readonly<Record<string, string>>>(),
    },
    run: async (ctx, { image, target, platform }) => {
      const { index, manifest } = await client.getPlatformManifest(image, target, platform, {
        signal: ctx.signal,
      });
      return {
        manifest,
        digest: index?.digest ?? manifest.digest,
        annotations: { ...index?.annotations, ...manifest.annotations },
      };
    },
  });
}
