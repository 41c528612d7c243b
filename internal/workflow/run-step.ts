// Runs one step: its attempts (retry with doubling backoff, each attempt under its own time limit)
// and, later, its post cleanup. Whatever the step does (throw, reject, throw a non-Error, hang),
// this returns an outcome; it never throws.

import { deadline, untilAborted, type Sleep } from './abortable.js';
import type { StepContext, StepDefinition } from './define-step.js';
import type { CheckedStep } from './define-workflow.js';
import { StepOutputError, StepTimeoutError, type StepPhase } from './errors.js';
import { flattenError } from './flatten-error.js';
import { isJobSkip, jobSkip } from './job-skip.js';
import type { PostRecord, RunEvent } from './record.js';
import type { RetryPolicy } from './spec.js';
import type { StepLog } from './step-log.js';

export interface StepRunEnv {
  readonly workflow: string;
  readonly job: string;
  /** The run's signal: aborted when the whole run is cancelled. */
  readonly signal: AbortSignal;
  readonly sleep: Sleep;
  /** Null without an observer: `emit?.({…})` then builds no event object (the hot path). */
  readonly emit: ((event: RunEvent) => void) | null;
}

export type AttemptsOutcome =
  | { readonly status: 'succeeded'; readonly attempts: number; readonly outputs: Record<string, unknown> }
  /** The step concluded its job as skipped (ctx.skipJob). */
  | { readonly status: 'skipped'; readonly attempts: number; readonly reason: string }
  | { readonly status: 'failed' | 'cancelled'; readonly attempts: number; readonly error: unknown };

function stepContext(
  step: CheckedStep,
  env: StepRunEnv,
  log: StepLog,
  signal: AbortSignal,
  attempt: number,
): StepContext {
  return {
    signal,
    attempt,
    workflow: env.workflow,
    job: env.job,
    step: step.id,
    log: (level, message) => log.add(level, attempt, message),
    skipJob: jobSkip,
  };
}

/** Keeps the declared outputs of what `run` returned; anything but an object is a step failure. */
function declaredOutputs(returned: unknown, definition: StepDefinition, env: StepRunEnv, step: string) {
  const declared = Object.keys(definition.outputs);
  if (returned === undefined && declared.length === 0) return {};
  if (typeof returned !== 'object' || returned === null) {
    throw new StepOutputError(env.job, step, returned === null ? 'null' : typeof returned, declared);
  }
  const outputs: Record<string, unknown> = {};
  for (const name of declared) outputs[name] = (returned as Record<string, unknown>)[name];
  return outputs;
}

function timeoutError(env: StepRunEnv, step: string, phase: StepPhase, ms: number | null): () => Error {
  return () => new StepTimeoutError(env.job, step, phase, ms ?? 0);
}

type AttemptResult =
  | { readonly ok: true; readonly outputs: Record<string, unknown> }
  | { readonly ok: 'skip'; readonly reason: string }
  | { readonly ok: false; readonly error: unknown };

async function runAttempt(
  step: CheckedStep,
  inputs: Record<string, unknown>,
  attempt: number,
  log: StepLog,
  env: StepRunEnv,
): Promise<AttemptResult> {
  const limit = deadline(env.signal, step.timeoutMs, timeoutError(env, step.id, 'main', step.timeoutMs));
  try {
    const ctx = stepContext(step, env, log, limit.signal, attempt);
    const returned = await untilAborted(() => step.definition.run(ctx, inputs), limit.signal);
    if (isJobSkip(returned)) return { ok: 'skip', reason: returned.reason };
    return { ok: true, outputs: declaredOutputs(returned, step.definition, env, step.id) };
  } catch (error) {
    // After an abort, the abort's reason (timeout or cancellation) is what happened, whatever the
    // step rejected with while unwinding.
    return { ok: false, error: limit.signal.aborted ? limit.signal.reason : error };
  } finally {
    limit.dispose();
  }
}

/** The wait before attempt `attempt + 1`: backoffMs, doubled each time, capped at maxBackoffMs. */
export function backoffDelay(retry: RetryPolicy, attempt: number): number {
  return Math.min(retry.backoffMs * 2 ** (attempt - 1), retry.maxBackoffMs ?? Number.POSITIVE_INFINITY);
}

function shouldRetry(retry: RetryPolicy, error: unknown, attempt: number, log: StepLog): boolean {
  try {
    return retry.retryOn?.(error) ?? true;
  } catch (retryOnError) {
    log.add('error', attempt, `retryOn threw, so no retry: ${flattenError(retryOnError).message}`);
    return false;
  }
}

export async function runAttempts(
  step: CheckedStep,
  inputs: Record<string, unknown>,
  log: StepLog,
  env: StepRunEnv,
): Promise<AttemptsOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    env.emit?.({ type: 'step', job: env.job, step: step.id, status: 'running', attempt, reason: null });
    const result = await runAttempt(step, inputs, attempt, log, env);
    if (result.ok === true) return { status: 'succeeded', attempts: attempt, outputs: result.outputs };
    if (result.ok === 'skip') return { status: 'skipped', attempts: attempt, reason: result.reason };
    const { error } = result;
    if (env.signal.aborted) return { status: 'cancelled', attempts: attempt, error };
    const retry = step.retry;
    if (retry === null || attempt >= retry.attempts || !shouldRetry(retry, error, attempt, log)) {
      return { status: 'failed', attempts: attempt, error };
    }
    const wait = backoffDelay(retry, attempt);
    log.add(
      'warn',
      attempt,
      `attempt ${attempt} failed (${flattenError(error).message}); retrying in ${wait} ms`,
    );
    env.emit?.({ type: 'step', job: env.job, step: step.id, status: 'retrying', attempt, reason: null });
    try {
      await env.sleep(wait, env.signal);
    } catch {
      return { status: 'cancelled', attempts: attempt, error: env.signal.reason };
    }
  }
}

/** Runs a step's post cleanup under its own deadline: it must run even when the run was cancelled. */
export async function runPost(
  step: CheckedStep,
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown>,
  attempts: number,
  log: StepLog,
  env: StepRunEnv & { readonly postTimeoutMs: number },
): Promise<PostRecord | null> {
  const post = step.definition.post;
  if (post === undefined) return null;
  const started = performance.now();
  const limit = deadline(null, env.postTimeoutMs, timeoutError(env, step.id, 'post', env.postTimeoutMs));
  try {
    const ctx = stepContext(step, env, log, limit.signal, attempts);
    await untilAborted(() => post.call(step.definition, ctx, inputs, outputs), limit.signal);
    return { status: 'succeeded', durationMs: performance.now() - started, error: null };
  } catch (error) {
    const cause = limit.signal.aborted ? limit.signal.reason : error;
    return { status: 'failed', durationMs: performance.now() - started, error: flattenError(cause) };
  } finally {
    limit.dispose();
  }
}
