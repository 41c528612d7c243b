// Step 5 of the `oci` job: the image's source repository, by internal/sources/source-repository.ts
// (the `org.opencontainers.image.source` annotation, the same key as a label, `org.label-schema.vcs-url`,
// the GitLab registry convention). The GitHub and GitLab jobs start from it. Without the latest
// image's metadata (a versions-only scan does not read it), only the reference can name it.
import type { ImageReference } from '../oci/reference.js';
import { findSourceRepository, type SourceRepository } from '../sources/source-repository.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';
import type { LatestImage } from './latest-image-step.js';

/** `gitlabHosts`: hosts of self-hosted GitLab (the host of `endpoints.gitlab`); gitlab.com always is one. */
export function sourceRepositoryStep(gitlabHosts: readonly string[]) {
  return defineStep({
    id: 'source',
    name: 'Find the source repository',
    inputs: {
      image: requiredInput<ImageReference>(),
      latest: optionalInput<LatestImage>(),
    },
    outputs: { repository: output<SourceRepository | null>() },
    run: (ctx, { image, latest }) => {
      const repository = findSourceRepository({
        reference: image.toString(),
        ...(latest === undefined ? {} : { annotations: latest.annotations, labels: latest.labels }),
        gitlabHosts,
      });
      if (repository === null) ctx.log('info', 'the image names no source repository');
      return { repository };
    },
  });
}
