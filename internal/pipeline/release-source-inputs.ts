// The inputs of a job that reads a source repository's releases (GitHub, GitLab): where the code
// lives, the image, and the running and candidate tags that bound the release-note range.
import type { ImageReference } from '../oci/reference.js';
import type { SourceRepository } from '../sources/source-repository.js';
import { requiredInput } from '../workflow/index.js';

export const releaseSourceInputs = {
  /** Null ends the job as skipped: the image names no source repository. */
  source: requiredInput<SourceRepository | null>(),
  image: requiredInput<ImageReference>(),
  currentTag: requiredInput<string | null>(),
  candidateTag: requiredInput<string | null>(),
};
