// Runs one job: its steps in order (each after its `if` and with its inputs resolved), then the
// post cleanups of the steps that started, in reverse order, whatever happened (like Actions).

import type { CheckedJob, CheckedStep } from './define-workflow.js';
import { ConditionError, MissingInputError } from './errors.js';
import { flattenError } from './flatten-error.js';
import type { JobRecord, JobStatus, StepRecord, StepStatus } from './record.js';
import { Reference } from './reference.js';
import { runAttempts, runPost, type AttemptsOutcome, type StepRunEnv } from './run-step.js';
import type { JobConditionContext } from './spec.js';
import { StepLog } from './step-log.js';
import { recordValues } from './to-json-safe.js';

export interface JobRunEnv extends Omit<StepRunEnv, 'job'> {
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Outputs of the jobs this job needs (all succeeded). */
  readonly needs: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly postTimeoutMs: number;
}

export interface JobResult {
  readonly record: JobRecord;
  readonly outputs: Readonly<Record<string, unknown>>;
}

interface StepState {
  readonly status: StepStatus;
  readonly outputs: Readonly<Record<string, unknown>>;
}

function resolve(ref: Reference, env: JobRunEnv, steps: ReadonlyMap<string, StepState>): unknown {
  const path = ref.path;
  switch (path.scope) {
    case 'inputs':
      return env.inputs[path.name];
    case 'steps':
      return steps.get(path.step)?.outputs[path.output];
    case 'needs':
      return env.needs.get(path.job)?.[path.output];
  }
}

function resolveInputs(
  job: string,
  step: CheckedStep,
  env: JobRunEnv,
  steps: ReadonlyMap<string, StepState>,
) {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(step.definition.inputs)) {
    const binding = step.with[name];
    const value = binding instanceof Reference ? resolve(binding, env, steps) : binding;
    if (value !== undefined) values[name] = value;
    else if (spec.required) throw new MissingInputError(job, step.id, name, String(binding));
  }
  return values;
}

function jobContext(env: JobRunEnv): JobConditionContext {
  return {
    inputs: env.inputs,
    needs: Object.fromEntries([...env.needs].map(([id, outputs]) => [id, { outputs }])),
  };
}

function notRunStep(
  step: CheckedStep,
  status: StepStatus,
  reason: string | null,
  error: unknown,
): StepRecord {
  return {
    id: step.id,
    name: step.definition.name,
    status,
    reason,
    attempts: 0,
    startedAt: null,
    durationMs: 0,
    error: error === undefined ? null : flattenError(error),
    logs: [],
    logsDropped: 0,
    post: null,
  };
}

/** The record of a job that never ran its steps: because of its needs, its `if`, or the run's abort. */
export function notRunJob(
  job: CheckedJob,
  status: Exclude<JobStatus, 'succeeded'>,
  reason: string,
  error?: unknown,
): JobResult {
  const stepStatus = status === 'cancelled' ? 'cancelled' : 'skipped';
  return {
    outputs: {},
    record: {
      id: job.id,
      name: job.name,
      status,
      reason,
      error: error === undefined ? null : flattenError(error),
      outputs: {},
      startedAt: null,
      durationMs: 0,
      steps: job.steps.map((step) => notRunStep(step, stepStatus, `job ${status}`, undefined)),
    },
  };
}

/** A step whose `run` was started: its post cleanup is due when the job ends. */
interface StartedStep {
  readonly step: CheckedStep;
  readonly index: number;
  readonly inputs: Record<string, unknown>;
  readonly attempts: number;
  readonly log: StepLog;
}

interface StepResult {
  readonly record: StepRecord;
  readonly started: Omit<StartedStep, 'index'> | null;
  readonly outputs: Readonly<Record<string, unknown>>;
}

function notRun(step: CheckedStep, status: StepStatus, reason: string | null, error?: unknown): StepResult {
  return { record: notRunStep(step, status, reason, error), started: null, outputs: {} };
}

async function executeStep(
  step: CheckedStep,
  env: JobRunEnv & StepRunEnv,
  states: ReadonlyMap<string, StepState>,
  blockedBy: string | null,
): Promise<StepResult> {
  if (env.signal.aborted) return notRun(step, 'cancelled', 'workflow cancelled');
  if (blockedBy !== null) return notRun(step, 'skipped', blockedBy);
  try {
    if (step.if !== null && !step.if({ ...jobContext(env), steps: Object.fromEntries(states) })) {
      return notRun(step, 'skipped', 'if condition is false');
    }
  } catch (error) {
    return notRun(step, 'failed', null, new ConditionError(env.job, step.id, { cause: error }));
  }
  let inputs: Record<string, unknown>;
  try {
    inputs = resolveInputs(env.job, step, env, states);
  } catch (error) {
    return notRun(step, 'failed', null, error);
  }
  const log = new StepLog();
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const outcome = await runAttempts(step, inputs, log, env);
  return {
    started: { step, inputs, attempts: outcome.attempts, log },
    outputs: outcome.status === 'succeeded' ? outcome.outputs : {},
    record: {
      id: step.id,
      name: step.definition.name,
      status: outcome.status,
      reason: stepReason(outcome),
      attempts: outcome.attempts,
      startedAt,
      durationMs: performance.now() - started,
      error:
        outcome.status === 'failed' || outcome.status === 'cancelled' ? flattenError(outcome.error) : null,
      ...log.snapshot(),
      post: null,
    },
  };
}

function stepReason(outcome: AttemptsOutcome): string | null {
  if (outcome.status === 'skipped') return outcome.reason;
  return outcome.status === 'cancelled' ? 'workflow cancelled' : null;
}

export async function runJob(job: CheckedJob, env: JobRunEnv): Promise<JobResult> {
  if (env.signal.aborted) return notRunJob(job, 'cancelled', 'workflow cancelled before the job started');
  try {
    if (job.if !== null && !job.if(jobContext(env)))
      return notRunJob(job, 'skipped', 'if condition is false');
  } catch (error) {
    return notRunJob(
      job,
      'failed',
      'its if condition threw',
      new ConditionError(job.id, null, { cause: error }),
    );
  }
  const stepEnv = { ...env, job: job.id };
  const startedAt = new Date().toISOString();
  const started = performance.now();
  env.emit?.({ type: 'job', job: job.id, status: 'running', reason: null });

  const states = new Map<string, StepState>();
  const records: StepRecord[] = [];
  const posts: StartedStep[] = [];
  // Why the remaining steps do not run: a step failed, or one concluded the job as skipped.
  let failedBy: string | null = null;
  let skip: { readonly step: string; readonly reason: string } | null = null;
  for (const step of job.steps) {
    const blockedBy = failedBy ?? (skip === null ? null : `step "${skip.step}" skipped the job`);
    const result = await executeStep(step, stepEnv, states, blockedBy);
    if (result.started !== null) posts.push({ ...result.started, index: records.length });
    const { status, reason } = result.record;
    if (status === 'failed' && !step.continueOnError) failedBy = `step "${step.id}" failed`;
    // Started and skipped: it concluded the job itself (ctx.skipJob), with the reason it gave.
    if (status === 'skipped' && result.started !== null) skip = { step: step.id, reason: reason ?? '' };
    states.set(step.id, { status, outputs: result.outputs });
    records.push(result.record);
    env.emit?.({ type: 'step', job: job.id, step: step.id, status, attempt: result.record.attempts, reason });
  }

  let postFailure: string | null = null;
  for (const { step, index, inputs, attempts, log } of posts.reverse()) {
    const post = await runPost(step, inputs, states.get(step.id)?.outputs ?? {}, attempts, log, stepEnv);
    const record = records[index];
    if (post === null || record === undefined) continue;
    records[index] = { ...record, ...log.snapshot(), post };
    if (post.status === 'failed') postFailure ??= `post cleanup of step "${step.id}" failed`;
  }

  const [status, reason] = jobStatus(records, failedBy, postFailure, skip?.reason ?? null);
  // A skipped job has no outputs, whichever way it was skipped.
  const outputs: Record<string, unknown> = {};
  if (status !== 'skipped') {
    for (const [name, ref] of Object.entries(job.outputs)) outputs[name] = resolve(ref, env, states);
  }
  return {
    outputs,
    record: {
      id: job.id,
      name: job.name,
      status,
      reason,
      error: null,
      outputs: recordValues(outputs, job.outputSpecs),
      startedAt,
      durationMs: performance.now() - started,
      steps: records,
    },
  };
}

function jobStatus(
  steps: readonly StepRecord[],
  failedBy: string | null,
  postFailure: string | null,
  skippedBy: string | null,
): [JobStatus, string | null] {
  if (steps.some((step) => step.status === 'cancelled')) return ['cancelled', 'workflow cancelled'];
  if (failedBy !== null) return ['failed', failedBy];
  if (postFailure !== null) return ['failed', postFailure];
  if (skippedBy !== null) return ['skipped', skippedBy];
  return ['succeeded', null];
}
