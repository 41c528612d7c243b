// The `docker-hub` job (docker.io images only): the description the publisher wrote on Docker Hub
// and when the running and candidate tags were pushed (internal/sources/docker-hub.ts).
import type { ImageReference } from '../oci/reference.js';
import { dockerHubEnrichment, type DockerHubResult } from '../sources/docker-hub.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';
import { wantedTags } from './wanted-tags.js';
import { askSource } from './ask-source.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';

export function dockerHubStep(settings: EnrichmentSettings) {
  return defineStep({
    id: 'docker-hub',
    name: 'Ask Docker Hub',
    inputs: {
      image: requiredInput<ImageReference>(),
      currentTag: requiredInput<string | null>(),
      candidateTag: requiredInput<string | null>(),
    },
    outputs: { enrichment: output<DockerHubResult>() },
    run: (ctx, { image, currentTag, candidateTag }) =>
      askSource(ctx, () =>
        dockerHubEnrichment(sourceContext(settings, ctx.signal), {
          reference: image.toString(),
          tags: wantedTags(currentTag, candidateTag),
        }),
      ),
  });
}
