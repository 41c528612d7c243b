// Step 6 of the `oci` job: the image's source repository, by internal/sources/source-repository.ts
// (the `org.opencontainers.image.source` annotation, the same key as a label, `org.label-schema.vcs-url`,
// the GitLab registry convention). The GitHub and GitLab jobs start from it.
import type { ImageReference } from '../oci/reference.js';
import { findSourceRepository, type SourceRepository } from '../sources/source-repository.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';

/** `gitlabHosts`: hosts of self-hosted GitLab (the host of `endpoints.gitlab`); gitlab.com always is one. */
export function sourceRepositoryStep(gitlabHosts: readonly string[]) {
  return defineStep({
    id: 'source',
    name: 'Find the source repository',
    inputs: {
      image: requiredInput<ImageReference>(),
      annotations: requiredInput<Readonly<Record<string, string>>>(),
      labels: requiredInput<Readonly<Record<string, string>>>(),
    },
    outputs: { repository: output<SourceRepository | null>() },
    run: (ctx, { image, annotations, labels }) => {
      const repository = findSourceRepository({
        reference: image.toString(),
        annotations,
        labels,
        gitlabHosts,
      });
      if (repository === null) ctx.log('info', 'the image names no source repository');
      return { repository };
    },
  });
}
