// The `quay` job (quay.io images only): the repository description, tag push dates and Quay's own
// security scan of the running image's platform manifest (internal/sources/quay.ts). The scan is of
// the running image because the image's stored vulnerabilities are the running image's.
import type { DigestPair } from '../oci/check.js';
import type { RegistryClient } from '../oci/client.js';
import type { ImagePlatform } from '../oci/platform.js';
import type { ImageReference } from '../oci/reference.js';
import { quayEnrichment } from '../sources/quay.js';
import type { Enrichment } from '../sources/types.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';
import { wantedTags } from './wanted-tags.js';
import { askSource } from './ask-source.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';

export function quayStep(settings: EnrichmentSettings, registry: RegistryClient) {
  return defineStep({
    id: 'quay',
    name: 'Ask Quay',
    inputs: {
      image: requiredInput<ImageReference>(),
      currentTag: requiredInput<string | null>(),
      candidateTag: requiredInput<string | null>(),
      /** The running image's digests: Quay scans its platform manifest. */
      current: requiredInput<DigestPair>(),
      platform: requiredInput<ImagePlatform>(),
    },
    outputs: { enrichment: output<Enrichment>() },
    run: async (ctx, { image, currentTag, candidateTag, current, platform }) => {
      const digest = await runningPlatformDigest(registry, image, current, platform, ctx.signal);
      return askSource(ctx, () =>
        quayEnrichment(sourceContext(settings, ctx.signal), {
          reference: image.toString(),
          tags: wantedTags(currentTag, candidateTag),
          ...(digest === null ? {} : { digest }),
        }),
      );
    },
  });
}

/**
 * The running platform manifest's digest. `check` leaves it unread when the running index is what
 * the tag names (a versions-only scan does not need it); Quay's scan does, so it is read here, by
 * digest (immutable: cached and shared).
 */
async function runningPlatformDigest(
  registry: RegistryClient,
  image: ImageReference,
  current: DigestPair,
  platform: ImagePlatform,
  signal: AbortSignal,
): Promise<string | null> {
  if (current.platformDigest !== null || current.indexDigest === null) return current.platformDigest;
  const { manifest } = await registry.getPlatformManifest(image, current.indexDigest, platform, { signal });
  return manifest.digest;
}
