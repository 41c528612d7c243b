import { describe, expect, it } from 'vitest';
import { SourceError } from '../sources/types.js';
import { defineStep, output, runWorkflow, workflow } from '../workflow/index.js';
import { askSource } from './ask-source.js';

/** A one-job workflow whose step asks a source that behaves like `ask`. */
async function run(ask: () => Promise<string>) {
  const step = defineStep({
    id: 'source',
    name: 'Ask a source',
    outputs: { enrichment: output<string>() },
    run: (ctx) => askSource(ctx, ask),
  });
  const wf = workflow('ask').job('source', {}, (job) =>
    job.step(step).outputs((ref) => ({ enrichment: ref.steps.source.outputs.enrichment })),
  );
  const { record, jobs } = await runWorkflow(wf.build(), {});
  return { job: record.jobs[0], outcome: jobs.source };
}

describe('askSource', () => {
  it('gives what the source found as the enrichment output', async () => {
    const { outcome } = await run(async () => 'description');
    expect(outcome).toEqual({ status: 'succeeded', outputs: { enrichment: 'description' } });
  });

  it('ends the job as skipped with the reason a source gives for having nothing to say', async () => {
    const { job, outcome } = await run(async () => {
      throw new SourceError('github', 'skipped: https://gitlab.com/o/r is not on github.com');
    });
    expect(outcome).toEqual({ status: 'skipped', reason: 'https://gitlab.com/o/r is not on github.com' });
    expect(job?.steps[0]).toMatchObject({ status: 'skipped', error: null });
  });

  it('fails the step on any other error, keeping the source’s message', async () => {
    const { job, outcome } = await run(async () => {
      throw new SourceError('github', 'failed: GitHub rate limit reached; resets at 14:05');
    });
    expect(outcome).toEqual({ status: 'failed', reason: 'step "source" failed' });
    expect(job?.steps[0]?.error).toEqual({
      name: 'SourceError',
      message: 'failed: GitHub rate limit reached; resets at 14:05',
    });
  });
});
