import { describe, expect, it } from 'vitest';

import { defineStep, output } from './define-step.js';
import { runWorkflow } from './run-workflow.js';
import { MAX_LOG_ENTRIES } from './step-log.js';
import { hang, recordingSleep, runOneStep, stepOf, throwing } from './testing/fixtures.js';
import { workflow } from './workflow-builder.js';

/** A step that fails until its `succeedOn`-th attempt, recording each attempt. */
function flaky(succeedOn: number, error: () => unknown = () => new Error('503 from registry')) {
  const attempts: number[] = [];
  const step = defineStep({
    id: 'flaky',
    name: 'Flaky',
    outputs: { attempt: output<number>() },
    run: (ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < succeedOn) throw error();
      return { attempt: ctx.attempt };
    },
  });
  return { step, attempts };
}

describe('retry', () => {
  it('retries until the 3rd attempt succeeds, waiting the doubling backoff capped at maxBackoffMs', async () => {
    const { step, attempts } = flaky(3);
    const { sleep, delays } = recordingSleep();
    const { step: record } = await runOneStep(
      step,
      { retry: { attempts: 5, backoffMs: 100, maxBackoffMs: 150 } },
      { sleep },
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(delays).toEqual([100, 150]);
    expect(record).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    expect(record.logs.map((entry) => entry.message)).toEqual([
      'attempt 1 failed (503 from registry); retrying in 100 ms',
      'attempt 2 failed (503 from registry); retrying in 150 ms',
    ]);
  });

  it('stops at the first error retryOn rejects', async () => {
    const { step, attempts } = flaky(3, () => Object.assign(new Error('404'), { status: 404 }));
    const { sleep, delays } = recordingSleep();
    const retryOn = (error: unknown) => (error as { status?: number }).status !== 404;
    const { step: record } = await runOneStep(
      step,
      { retry: { attempts: 5, backoffMs: 10, retryOn } },
      { sleep },
    );
    expect(attempts).toEqual([1]);
    expect(delays).toEqual([]);
    expect(record).toMatchObject({ status: 'failed', attempts: 1, error: { message: '404' } });
  });

  it('gives up after the last attempt and records the last error', async () => {
    const { step } = flaky(10);
    const { step: record } = await runOneStep(
      step,
      { retry: { attempts: 2, backoffMs: 1 } },
      recordingSleep(),
    );
    expect(record).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

describe('failures never escape the run', () => {
  it('fails a step that hangs past its timeout, naming the step and the limit, and aborts its signal', async () => {
    let seenAbort: unknown;
    const stuck = defineStep({
      id: 'stuck',
      name: 'Stuck',
      run: (ctx) =>
        new Promise<Record<never, never>>(() => {
          ctx.signal.addEventListener('abort', () => (seenAbort = ctx.signal.reason));
        }),
    });
    const wf = workflow('timeout')
      .job('a', {}, (job) => job.step(stuck, { timeoutMs: 30 }).step(hang, { id: 'after' }))
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(stepOf(record, 'a', 'stuck')).toMatchObject({
      status: 'failed',
      error: { name: 'StepTimeoutError', message: 'job "a", step "stuck" timed out after 30 ms' },
    });
    expect(seenAbort).toMatchObject({ name: 'StepTimeoutError' });
    expect(stepOf(record, 'a', 'after')).toMatchObject({ status: 'skipped', reason: 'step "stuck" failed' });
  });

  it('times out a step whose promise never settles and which ignores its signal', async () => {
    const { step } = await runOneStep(hang, { id: 'h', timeoutMs: 20 });
    expect(step).toMatchObject({ status: 'failed', error: { name: 'StepTimeoutError' } });
  });

  it('records a thrown non-Error value, synchronous or as a rejection', async () => {
    const { step: thrown } = await runOneStep(throwing('string', () => 'plain string'));
    expect(thrown.error).toEqual({
      name: 'NonErrorThrown',
      message: 'a non-Error value was thrown: plain string',
    });
    const rejects = defineStep({ id: 'object', name: 'Rejects', run: () => Promise.reject({ code: 42 }) });
    const { step: rejected } = await runOneStep(rejects);
    expect(rejected.error).toEqual({
      name: 'NonErrorThrown',
      message: 'a non-Error value was thrown: {"code":42}',
    });
  });

  it('keeps the cause chain of an error', async () => {
    const { step } = await runOneStep(
      throwing(
        'wrapped',
        () => new Error('manifest fetch failed', { cause: new Error('ECONNRESET', { cause: 7 }) }),
      ),
    );
    expect(step.error).toEqual({
      name: 'Error',
      message: 'manifest fetch failed',
      cause: {
        name: 'Error',
        message: 'ECONNRESET',
        cause: { name: 'NonErrorThrown', message: expect.any(String) },
      },
    });
  });

  it('fails a step that returns something other than its outputs', async () => {
    const bad = defineStep({
      id: 'bad',
      name: 'Bad',
      outputs: { x: output<number>() },
      run: () => 42 as never,
    });
    const { step } = await runOneStep(bad);
    expect(step.error).toEqual({
      name: 'StepOutputError',
      message: 'job "a", step "bad" returned number; expected an object with its declared outputs (x)',
    });
  });
});

describe('post and logs', () => {
  it('runs post cleanups in reverse order after the job, also when a step failed, and records them', async () => {
    const order: string[] = [];
    const withPost = (id: string, failMain = false) =>
      defineStep({
        id,
        name: id,
        run: (): Record<never, never> => {
          order.push(`run ${id}`);
          if (failMain) throw new Error(`${id} failed`);
          return {};
        },
        post: () => {
          order.push(`post ${id}`);
        },
      });
    const wf = workflow('post')
      .job('a', {}, (job) => job.step(withPost('one')).step(withPost('two', true)).step(withPost('three')))
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(order).toEqual(['run one', 'run two', 'post two', 'post one']);
    expect(stepOf(record, 'a', 'one').post).toMatchObject({ status: 'succeeded', error: null });
    expect(stepOf(record, 'a', 'three').post).toBeNull();
  });

  it('fails the job when a post cleanup fails or overruns its deadline', async () => {
    const slowPost = defineStep({
      id: 'slow',
      name: 'Slow post',
      run: () => ({}),
      post: () => new Promise(() => {}),
    });
    const { record, step } = await runOneStep(slowPost, {}, { postTimeoutMs: 20 });
    expect(step).toMatchObject({
      status: 'succeeded',
      post: {
        status: 'failed',
        error: { message: 'job "a", post cleanup of step "slow" timed out after 20 ms' },
      },
    });
    expect(record.jobs[0]).toMatchObject({ status: 'failed', reason: 'post cleanup of step "slow" failed' });
  });

  it('bounds a step log, counting the lines it drops', async () => {
    const chatty = defineStep({
      id: 'chatty',
      name: 'Chatty',
      run: (ctx) => {
        for (let line = 0; line < MAX_LOG_ENTRIES + 5; line += 1) ctx.log('debug', `line ${line}`);
        return {};
      },
    });
    const { step } = await runOneStep(chatty);
    expect(step.logs).toHaveLength(MAX_LOG_ENTRIES);
    expect(step.logsDropped).toBe(5);
  });
});
