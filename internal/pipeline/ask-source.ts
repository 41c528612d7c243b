// Runs one enrichment source for a step and turns "this source has nothing to say about this image"
// into the job ending as skipped, with the source's reason (docs/workflow.md, ctx.skipJob). The
// sources say so with a SourceError whose message starts with `skipped: ` (internal/sources/types.ts);
// this is the one place that reads that convention. Anything else the source throws fails the step.
import { SourceError } from '../sources/types.js';
import type { JobSkip, StepContext } from '../workflow/index.js';

const SKIPPED = 'skipped: ';

export async function askSource<E>(
  ctx: StepContext,
  ask: () => Promise<E>,
): Promise<{ readonly enrichment: E } | JobSkip> {
  try {
    return { enrichment: await ask() };
  } catch (error) {
    if (error instanceof SourceError && error.message.startsWith(SKIPPED)) {
      return ctx.skipJob(error.message.slice(SKIPPED.length));
    }
    throw error;
  }
}
