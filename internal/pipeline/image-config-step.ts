// Step 5 of the `oci` job: the config blob of the latest manifest, for its labels (where
// `org.label-schema.*` and many `org.opencontainers.image.*` values live on images built by
// `docker build`, which sets no annotations) and creation time. Blobs are immutable: cached forever.
import type { RegistryClient } from '../oci/client.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { ImageReference } from '../oci/reference.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';

export function imageConfigStep(client: RegistryClient) {
  return defineStep({
    id: 'config',
    name: 'Read the image config',
    inputs: { image: requiredInput<ImageReference>(), manifest: requiredInput<ImageManifest>() },
    outputs: {
      labels: output<Readonly<Record<string, string>>>(),
      created: output<string | null>(),
    },
    run: async (ctx, { image, manifest }) => {
      const config = await client.getImageConfig(image, manifest, { signal: ctx.signal });
      return { labels: config.labels, created: config.created };
    },
  });
}
