// Small steps and helpers shared by the workflow engine's tests.

import { setTimeout as delay } from 'node:timers/promises';

import type { Sleep } from '../abortable.js';
import { defineStep, optionalInput, output, requiredInput, type StepDefinition } from '../define-step.js';
import { defineWorkflow } from '../define-workflow.js';
import type { JobRecord, RunRecord, StepRecord } from '../record.js';
import { runWorkflow, type RunOptions } from '../run-workflow.js';
import type { StepSpec } from '../spec.js';

/** Returns its input as output after `waitMs` (honouring its signal), noting when it ran. */
export const echo = defineStep({
  name: 'Echo',
  inputs: { value: requiredInput<string>(), waitMs: optionalInput<number>() },
  outputs: { value: output<string>() },
  run: async (ctx, { value, waitMs }) => {
    if (waitMs !== undefined) await delay(waitMs, undefined, { signal: ctx.signal });
    return { value };
  },
});

/** Always fails with the given message. */
export const fail = defineStep({
  name: 'Fail',
  inputs: { message: requiredInput<string>() },
  run: (_ctx, { message }): Record<never, never> => {
    throw new Error(message);
  },
});

/** A step that never settles and ignores its signal: the worst a step can do. */
export const hang = defineStep({
  name: 'Hang',
  run: () => new Promise<Record<never, never>>(() => {}),
});

/** A sleep that does not wait, recording the delays asked for. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      delays.push(ms);
      signal.throwIfAborted();
    },
  };
}

export function jobOf(record: RunRecord, id: string): JobRecord {
  const job = record.jobs.find((candidate) => candidate.id === id);
  if (job === undefined) throw new Error(`no job "${id}" in the record`);
  return job;
}

export function stepOf(record: RunRecord, jobId: string, stepId: string): StepRecord {
  const step = jobOf(record, jobId).steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) throw new Error(`no step "${stepId}" in job "${jobId}"`);
  return step;
}

/** A step that throws what `thrown` returns (called once per attempt). */
export function throwing(id: string, thrown: () => unknown): StepDefinition {
  return defineStep({
    id,
    name: `Throws (${id})`,
    run: (): Record<never, never> => {
      throw thrown();
    },
  });
}

/** Runs `step` alone in job "a" (written as plain data) and returns the run and the step's record. */
export async function runOneStep(
  step: StepDefinition,
  options: Omit<StepSpec, 'uses'> = {},
  runOptions: RunOptions = {},
): Promise<{ record: RunRecord; step: StepRecord }> {
  const wf = defineWorkflow({ name: 'one step', jobs: [{ id: 'a', steps: [{ ...options, uses: step }] }] });
  const { record } = await runWorkflow(wf, {}, runOptions);
  return { record, step: stepOf(record, 'a', options.id ?? step.id ?? '') };
}
