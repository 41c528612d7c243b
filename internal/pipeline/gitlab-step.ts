// The `gitlab` job (source repository on gitlab.com or the configured GitLab): release notes for
// every version after the running one up to the candidate, the project description and links
// (internal/sources/gitlab.ts).
import { gitlabEnrichment, type GitLabResult } from '../sources/gitlab.js';
import { defineStep, output } from '../workflow/index.js';
import { askSource } from './ask-source.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';
import { releaseSourceInputs } from './release-source-inputs.js';

const NO_VERSION = 'latest';

export function gitlabStep(settings: EnrichmentSettings) {
  return defineStep({
    id: 'gitlab',
    name: 'Ask GitLab',
    inputs: releaseSourceInputs,
    outputs: { enrichment: output<GitLabResult>() },
    run: (ctx, { source, image, currentTag, candidateTag }) => {
      if (source === null) return ctx.skipJob('the image names no source repository');
      // The source asks for no releases when a tag is not a version (docs/sources.md "GitLab"):
      // `latest` stands for "no tag" (a digest-only reference) and "no candidate" (up to date).
      return askSource(ctx, () =>
        gitlabEnrichment(sourceContext(settings, ctx.signal), {
          repository: source,
          currentTag: currentTag ?? NO_VERSION,
          candidateTag: candidateTag ?? NO_VERSION,
          component: image.path.split('/').pop() ?? image.path,
          ...(settings.gitlabAuth === null ? {} : { auth: settings.gitlabAuth }),
        }),
      );
    },
  });
}
