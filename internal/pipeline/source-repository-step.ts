// Step 6 of the `oci` job: the image's source repository (see source-url.ts), which the
// enrichment jobs of a later issue (release notes from GitHub/GitLab) start from.
import { defineStep, output, requiredInput } from '../workflow/index.js';
import { sourceRepository } from './source-url.js';

export const sourceRepositoryStep = defineStep({
  id: 'source',
  name: 'Find the source repository',
  inputs: {
    annotations: requiredInput<Readonly<Record<string, string>>>(),
    labels: requiredInput<Readonly<Record<string, string>>>(),
  },
  outputs: { url: output<string | null>() },
  run: (ctx, { annotations, labels }) => {
    const url = sourceRepository(annotations, labels);
    if (url === null) ctx.log('info', 'no org.opencontainers.image.source or org.label-schema.vcs-url');
    return { url };
  },
});
