// The `github` job (source repository on github.com): release notes for every version after the
// running one up to the candidate, the README and links (internal/sources/github.ts). The token is
// fetched here, never passed as an input, so it cannot reach a run record.
import { githubEnrichment, GithubTokenError, type GithubResult } from '../sources/github.js';
import { SourceError } from '../sources/types.js';
import { defineStep, output } from '../workflow/index.js';
import { askSource } from './ask-source.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';
import { releaseSourceInputs } from './release-source-inputs.js';

export function githubStep(settings: EnrichmentSettings) {
  return defineStep({
    id: 'github',
    name: 'Ask GitHub',
    inputs: releaseSourceInputs,
    outputs: { enrichment: output<GithubResult>() },
    run: async (ctx, { source, image, currentTag, candidateTag }) => {
      if (source === null) return ctx.skipJob('the image names no source repository');
      const token = await settings.githubToken().catch((error: unknown) => {
        // A malformed token (setting, env or gh's file) fails this job, not the image.
        if (error instanceof GithubTokenError) {
          throw new SourceError('github', `failed: ${error.message}`, { cause: error });
        }
        throw error;
      });
      ctx.log('info', token === null ? 'anonymous (60 requests an hour)' : String(token));
      return askSource(ctx, () =>
        githubEnrichment(sourceContext(settings, ctx.signal), {
          sourceUrl: source.url,
          reference: image.toString(),
          currentTag,
          candidateTag,
          token,
        }),
      );
    },
  });
}
