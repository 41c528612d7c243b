// Runs a workflow: every job starts as soon as all the jobs it needs have succeeded, so
// independent jobs run concurrently; a job whose need did not succeed is skipped (or cancelled)
// with the reason, which in turn skips its own dependents. Always resolves: with the record and each
// job's outputs.

import { realSleep, type Sleep } from './abortable.js';
import type { InputSpecs, InputValues } from './define-step.js';
import type { CheckedJob, JobOutputsById, Workflow } from './define-workflow.js';
import { WorkflowInputError } from './errors.js';
import type { JobStatus, RunEvent, RunObserver, RunRecord, RunStatus } from './record.js';
import { notRunJob, runJob, type JobResult } from './run-job.js';
import { recordValues } from './to-json-safe.js';

export interface RunOptions {
  /** Aborting it cancels the run: running steps see it, no new step starts, post cleanups still run. */
  readonly signal?: AbortSignal;
  /** Receives job and step state changes as they happen. */
  readonly observer?: RunObserver;
  /** How to wait between retries; tests inject one that records the delays instead of waiting. */
  readonly sleep?: Sleep;
  /** Time limit of each post cleanup (default 5 s): it runs even after a cancel, so it must be short. */
  readonly postTimeoutMs?: number;
}

export const DEFAULT_POST_TIMEOUT_MS = 5_000;

/** How one job ended: its outputs, whole and typed, only when it succeeded; else why not. */
export type JobOutcome<O> =
  | { readonly status: 'succeeded'; readonly outputs: O }
  | { readonly status: Exclude<JobStatus, 'succeeded'>; readonly reason: string };

/**
 * What a run gives back: the record (plain JSON, outputs bounded and secrets redacted: for display
 * and the store), and every job's real outputs (the values the steps returned, unbounded) to work with.
 */
export interface RunResult<Jobs extends JobOutputsById = JobOutputsById> {
  readonly record: RunRecord;
  readonly jobs: { readonly [J in keyof Jobs]: JobOutcome<Jobs[J]> };
}

function checkInputs(workflow: Workflow, inputs: unknown): Readonly<Record<string, unknown>> {
  if (typeof inputs !== 'object' || inputs === null) {
    throw new WorkflowInputError(workflow.name, '(all)', `must be given as an object, got ${String(inputs)}`);
  }
  const given = inputs as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(name in workflow.inputs)) {
      const declared = Object.keys(workflow.inputs).join(', ') || 'none';
      throw new WorkflowInputError(
        workflow.name,
        name,
        `is not declared by the workflow (it declares: ${declared})`,
      );
    }
  }
  for (const [name, spec] of Object.entries(workflow.inputs)) {
    if (spec.required && given[name] === undefined) {
      throw new WorkflowInputError(workflow.name, name, 'is required; pass a value for it');
    }
  }
  return given;
}

/** Ignores a throwing observer: a broken progress display must not break processing. Null without one. */
function safeEmitter(observer: RunObserver | undefined): ((event: RunEvent) => void) | null {
  if (observer === undefined) return null;
  return (event) => {
    try {
      observer(event);
    } catch {
      // Deliberately ignored (see above).
    }
  };
}

function runStatus(results: readonly JobResult[]): RunStatus {
  const statuses = results.map((result) => result.record.status);
  if (statuses.includes('cancelled')) return 'cancelled';
  return statuses.includes('failed') ? 'failed' : 'succeeded';
}

/**
 * Runs `workflow` with `inputs`. Rejects only with a WorkflowInputError when the inputs do not match
 * the workflow's declared inputs; every failure inside the run ends up in the result instead.
 */
export async function runWorkflow<WI extends InputSpecs, Jobs extends JobOutputsById>(
  workflow: Workflow<WI, Jobs>,
  inputs: InputValues<WI>,
  options: RunOptions = {},
): Promise<RunResult<Jobs>> {
  const values = checkInputs(workflow, inputs);
  const signal = options.signal ?? new AbortController().signal;
  const emit = safeEmitter(options.observer);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  emit?.({ type: 'run-started', workflow: workflow.name, startedAt });

  const finished = new Map<string, Promise<JobResult>>();
  const start = async (job: CheckedJob): Promise<JobResult> => {
    // Jobs are in needs-first order, so every need already has its promise.
    const needs = await Promise.all(job.needs.map(async (id) => ({ id, result: await finished.get(id) })));
    const blocked = needs.find(({ result }) => result?.record.status !== 'succeeded');
    const result =
      blocked === undefined
        ? await runJob(job, {
            workflow: workflow.name,
            inputs: values,
            needs: new Map(needs.map(({ id, result: need }) => [id, need?.outputs ?? {}])),
            signal,
            sleep: options.sleep ?? realSleep,
            postTimeoutMs: options.postTimeoutMs ?? DEFAULT_POST_TIMEOUT_MS,
            emit,
          })
        : notRunJob(
            job,
            blocked.result?.record.status === 'cancelled' ? 'cancelled' : 'skipped',
            `needs "${blocked.id}" ${blocked.result?.record.status ?? 'missing'}`,
          );
    emit?.({ type: 'job', job: job.id, status: result.record.status, reason: result.record.reason });
    return result;
  };
  for (const job of workflow.jobs) finished.set(job.id, start(job));
  const results = await Promise.all(finished.values());

  const record: RunRecord = {
    formatVersion: 1,
    workflow: workflow.name,
    inputs: recordValues(values, workflow.inputs),
    status: runStatus(results),
    startedAt,
    durationMs: performance.now() - started,
    jobs: results.map((result) => result.record),
  };
  emit?.({ type: 'run-finished', record });
  const jobs: Record<string, JobOutcome<unknown>> = {};
  for (const { record: job, outputs } of results) {
    jobs[job.id] =
      job.status === 'succeeded'
        ? { status: 'succeeded', outputs }
        : { status: job.status, reason: job.reason ?? `job "${job.id}" ${job.status}` };
  }
  // The keys are the workflow's job ids, which is what Jobs describes (the builder made both).
  return { record, jobs: jobs as RunResult<Jobs>['jobs'] };
}
