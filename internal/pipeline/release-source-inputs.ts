// The inputs of a job that reads a source repository's releases (GitHub, GitLab): where the code
// lives, the image, the running and candidate tags that bound the release-note range, and where to
// leave the full result (run records cut long values; the store must get them whole).
import type { ImageReference } from '../oci/reference.js';
import type { SourceRepository } from '../sources/source-repository.js';
import { requiredInput } from '../workflow/index.js';
import type { EnrichmentCollector } from './enrichment-collector.js';

export const releaseSourceInputs = {
  /** Null makes the source say `skipped: the image names no source repository`. */
  source: requiredInput<SourceRepository | null>(),
  image: requiredInput<ImageReference>(),
  currentTag: requiredInput<string | null>(),
  candidateTag: requiredInput<string | null>(),
  collector: requiredInput<EnrichmentCollector>(),
};
