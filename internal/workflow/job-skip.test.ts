// A step concluding its own job as skipped (ctx.skipJob): every rule of docs/workflow.md that
// names it, each against a run of the real engine.
import { describe, expect, it } from 'vitest';

import { defineStep, optionalInput, output } from './define-step.js';
import type { RunEvent } from './record.js';
import { runWorkflow } from './run-workflow.js';
import { echo, jobOf, recordingSleep, stepOf } from './testing/fixtures.js';
import { workflow } from './workflow-builder.js';

/** Skips its job when `skip` is true, else answers `found`; counts its attempts and cleanups. */
function lookup() {
  const calls = { attempts: 0, posts: 0 };
  const step = defineStep({
    id: 'lookup',
    name: 'Look up',
    inputs: { skip: optionalInput<boolean>() },
    outputs: { found: output<string>() },
    run: (ctx, { skip }) => {
      calls.attempts++;
      return skip === true ? ctx.skipJob('the image names no source repository') : { found: 'yes' };
    },
    post: () => {
      calls.posts++;
    },
  });
  return { step, calls };
}

function skipping(skip: boolean) {
  const { step, calls } = lookup();
  const wf = workflow('skip')
    .job('source', {}, (job) =>
      job
        .step(step, { with: { skip }, retry: { attempts: 3, backoffMs: 1 } })
        .step(echo, { id: 'after', with: { value: 'x' } })
        .outputs((ref) => ({ found: ref.steps.lookup.outputs.found })),
    )
    .job('notes', { needs: ['source'] }, (job) =>
      job.step(echo, { id: 'e', with: (ref) => ({ value: ref.needs.source.outputs.found }) }),
    )
    .job('other', {}, (job) => job.step(echo, { id: 'e', with: { value: 'o' } }))
    .build();
  return { wf, calls };
}

describe('a step concluding its job as skipped', () => {
  it('skips its job with its reason, the later steps and the dependents; the run succeeds', async () => {
    const { wf, calls } = skipping(true);
    const { sleep, delays } = recordingSleep();
    const { record, jobs } = await runWorkflow(wf, {}, { sleep });
    expect(record.status).toBe('succeeded');
    expect(jobOf(record, 'source')).toMatchObject({
      status: 'skipped',
      reason: 'the image names no source repository',
      error: null,
      outputs: {},
      startedAt: expect.any(String),
    });
    expect(stepOf(record, 'source', 'lookup')).toMatchObject({
      status: 'skipped',
      reason: 'the image names no source repository',
      attempts: 1,
      error: null,
      post: { status: 'succeeded' },
    });
    expect(stepOf(record, 'source', 'after')).toMatchObject({
      status: 'skipped',
      reason: 'step "lookup" skipped the job',
      attempts: 0,
    });
    expect(jobOf(record, 'notes')).toMatchObject({ status: 'skipped', reason: 'needs "source" skipped' });
    expect(jobOf(record, 'other').status).toBe('succeeded');
    // Not a failure: no retry, no backoff; and the cleanup of the step that started still ran.
    expect(calls).toEqual({ attempts: 1, posts: 1 });
    expect(delays).toEqual([]);
    expect(jobs.source).toEqual({ status: 'skipped', reason: 'the image names no source repository' });
    expect(jobs.notes).toEqual({ status: 'skipped', reason: 'needs "source" skipped' });
  });

  it('runs the job to the end when the step does not skip', async () => {
    const { wf } = skipping(false);
    const { record, jobs } = await runWorkflow(wf, {});
    expect(jobOf(record, 'source').status).toBe('succeeded');
    expect(jobs.source).toEqual({ status: 'succeeded', outputs: { found: 'yes' } });
    expect(jobs.notes.status).toBe('succeeded');
  });

  it('tells the observer the step and the job were skipped, with the reason', async () => {
    const events: RunEvent[] = [];
    await runWorkflow(skipping(true).wf, {}, { observer: (event) => events.push(event) });
    const about = (id: string) =>
      events.flatMap((event) =>
        event.type === 'job' && event.job === id
          ? [`job ${event.status} ${event.reason}`]
          : event.type === 'step' && event.job === id
            ? [`${event.step} ${event.status} ${event.reason}`]
            : [],
      );
    expect(about('source')).toEqual([
      'job running null',
      'lookup running null',
      'lookup skipped the image names no source repository',
      'after skipped step "lookup" skipped the job',
      'job skipped the image names no source repository',
    ]);
  });

  it('fails the job all the same when a post cleanup fails after the skip', async () => {
    const step = defineStep({
      id: 'lookup',
      name: 'Look up',
      run: (ctx) => ctx.skipJob('nothing to do'),
      post: () => {
        throw new Error('cleanup failed');
      },
    });
    const wf = workflow('skip-then-post')
      .job('a', {}, (job) => job.step(step))
      .build();
    const { record, jobs } = await runWorkflow(wf, {});
    expect(jobOf(record, 'a')).toMatchObject({
      status: 'failed',
      reason: 'post cleanup of step "lookup" failed',
    });
    expect(record.status).toBe('failed');
    expect(jobs.a).toEqual({ status: 'failed', reason: 'post cleanup of step "lookup" failed' });
  });
});
