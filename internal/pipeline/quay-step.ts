// The `quay` job (quay.io images only): the repository description, tag push dates and Quay's own
// security scan of the running image's platform manifest (internal/sources/quay.ts). The scan is of
// the running image because the image's stored vulnerabilities are the running image's.
import type { DigestPair } from '../oci/check.js';
import type { ImageReference } from '../oci/reference.js';
import { quayEnrichment } from '../sources/quay.js';
import type { Enrichment } from '../sources/types.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';
import { wantedTags } from './wanted-tags.js';
import { askSource } from './ask-source.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';

export function quayStep(settings: EnrichmentSettings) {
  return defineStep({
    id: 'quay',
    name: 'Ask Quay',
    inputs: {
      image: requiredInput<ImageReference>(),
      currentTag: requiredInput<string | null>(),
      candidateTag: requiredInput<string | null>(),
      /** The running image's digests: Quay scans its platform manifest. */
      current: requiredInput<DigestPair>(),
    },
    outputs: { enrichment: output<Enrichment>() },
    run: (ctx, { image, currentTag, candidateTag, current }) =>
      askSource(ctx, () =>
        quayEnrichment(sourceContext(settings, ctx.signal), {
          reference: image.toString(),
          tags: wantedTags(currentTag, candidateTag),
          ...(current.platformDigest === null ? {} : { digest: current.platformDigest }),
        }),
      ),
  });
}
