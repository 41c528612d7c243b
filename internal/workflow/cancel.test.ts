import { setTimeout as delay } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { defineStep } from './define-step.js';
import type { RunEvent } from './record.js';
import { runWorkflow } from './run-workflow.js';
import type { Sleep } from './abortable.js';
import { echo, hang, jobOf, recordingSleep, runOneStep, stepOf, throwing } from './testing/fixtures.js';
import { workflow } from './workflow-builder.js';

describe('cancellation', () => {
  it('aborts the running step, starts nothing new, and still runs post cleanups', async () => {
    const controller = new AbortController();
    const happened: string[] = [];
    const slow = defineStep({
      id: 'slow',
      name: 'Slow',
      run: async (ctx) => {
        happened.push('slow started');
        ctx.signal.addEventListener('abort', () => happened.push('slow saw abort'));
        await delay(10_000, undefined, { signal: ctx.signal });
        return {};
      },
      post: (ctx) => {
        happened.push(`post ran (signal aborted: ${ctx.signal.aborted})`);
      },
    });
    const wf = workflow('cancel')
      .job('a', {}, (job) => job.step(slow).step(echo, { id: 'later', with: { value: 'x' } }))
      .job('b', { needs: ['a'] }, (job) => job.step(echo, { id: 'e', with: { value: 'y' } }))
      .build();
    const run = runWorkflow(
      wf,
      {},
      {
        signal: controller.signal,
        observer: (event: RunEvent) => {
          if (event.type === 'step' && event.step === 'slow' && event.status === 'running') {
            setTimeout(() => controller.abort(), 10);
          }
        },
      },
    );
    const { record } = await run;
    expect(happened).toEqual(['slow started', 'slow saw abort', 'post ran (signal aborted: false)']);
    expect(record.status).toBe('cancelled');
    expect(stepOf(record, 'a', 'slow')).toMatchObject({
      status: 'cancelled',
      reason: 'workflow cancelled',
      attempts: 1,
      error: { name: 'AbortError' },
      post: { status: 'succeeded' },
    });
    expect(stepOf(record, 'a', 'later')).toMatchObject({ status: 'cancelled', attempts: 0, startedAt: null });
    expect(jobOf(record, 'a')).toMatchObject({ status: 'cancelled', reason: 'workflow cancelled' });
    expect(jobOf(record, 'b')).toMatchObject({
      status: 'cancelled',
      reason: 'needs "a" cancelled',
      startedAt: null,
    });
  });

  it('stops waiting for a step that ignores the abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const { step } = await runOneStep(hang, { id: 'h' }, { signal: controller.signal });
    expect(step.status).toBe('cancelled');
  });

  it('does not retry after a cancel that comes during the backoff', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const failing = throwing('failing', () => new Error(`attempt ${(attempts += 1)} failed`));
    const { sleep } = recordingSleep();
    const cancellingSleep: Sleep = async (ms, signal) => {
      controller.abort();
      await sleep(ms, signal);
    };
    const { step } = await runOneStep(
      failing,
      { retry: { attempts: 5, backoffMs: 10 } },
      { signal: controller.signal, sleep: cancellingSleep },
    );
    expect(attempts).toBe(1);
    expect(step).toMatchObject({ status: 'cancelled', attempts: 1 });
  });

  it('marks jobs of a run cancelled before it started as cancelled, running none of their steps', async () => {
    let ran = false;
    const spy = defineStep({ id: 'spy', name: 'Spy', run: () => ((ran = true), {}) });
    const { record } = await runOneStep(spy, {}, { signal: AbortSignal.abort() });
    expect(ran).toBe(false);
    expect(jobOf(record, 'a')).toMatchObject({
      status: 'cancelled',
      reason: 'workflow cancelled before the job started',
    });
  });

  it('absorbs a step that rejects after it was abandoned (no unhandled rejection)', async () => {
    const late = defineStep({
      id: 'late',
      name: 'Late',
      run: async (): Promise<Record<never, never>> => {
        await delay(30);
        throw new Error('too late');
      },
    });
    const { step } = await runOneStep(late, { timeoutMs: 5 });
    await delay(40); // Let the abandoned promise reject; vitest fails the file on an unhandled rejection.
    expect(step.error).toMatchObject({ name: 'StepTimeoutError' });
  });
});
