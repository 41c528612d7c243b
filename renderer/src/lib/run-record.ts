// The last workflow run of an image, as the image page shows it: jobs, steps, durations, errors.
// The store hands the record back as plain JSON (internal/workflow/record.ts is its shape); this
// reads only what is drawn and checks each field, so a record from another core version still shows.
import type { Json } from '../../../internal/model/json.js';
import type { JobStatus, RunStatus } from '../../../internal/api/contract.js';

export interface StepView {
  readonly id: string;
  readonly name: string;
  readonly status: JobStatus;
  readonly reason: string | null;
  readonly attempts: number;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface JobView extends Omit<StepView, 'attempts'> {
  readonly steps: readonly StepView[];
}

export interface RunView {
  readonly workflow: string;
  readonly status: RunStatus;
  readonly durationMs: number;
  readonly jobs: readonly JobView[];
}

type JsonObject = { readonly [key: string]: Json };

const JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];

function asObject(value: Json | undefined): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function text(value: Json | undefined, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function count(value: Json | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function status(value: Json | undefined): JobStatus {
  return JOB_STATUSES.find((s) => s === value) ?? 'failed';
}

/** `outer: inner: root cause`, from a SerializedError and its causes. */
export function errorChain(value: Json | undefined): string | null {
  const messages: string[] = [];
  for (
    let error = asObject(value);
    error !== null && messages.length < 10;
    error = asObject(error['cause'])
  ) {
    messages.push(text(error['message'], text(error['name'], 'Error')));
  }
  return messages.length === 0 ? null : messages.join(': ');
}

function toStep(value: Json): StepView | null {
  const step = asObject(value);
  if (step === null) return null;
  const id = text(step['id'], '?');
  return {
    id,
    name: text(step['name'], id),
    status: status(step['status']),
    reason: typeof step['reason'] === 'string' ? step['reason'] : null,
    attempts: count(step['attempts']),
    durationMs: count(step['durationMs']),
    error: errorChain(step['error']),
  };
}

function toJob(value: Json): JobView | null {
  const job = asObject(value);
  if (job === null) return null;
  const steps = Array.isArray(job['steps']) ? (job['steps'] as readonly Json[]) : [];
  const id = text(job['id'], '?');
  return {
    id,
    name: text(job['name'], id),
    status: status(job['status']),
    reason: typeof job['reason'] === 'string' ? job['reason'] : null,
    durationMs: count(job['durationMs']),
    error: errorChain(job['error']),
    steps: steps.map(toStep).filter((s): s is StepView => s !== null),
  };
}

/** The run's jobs and steps; `status` and `durationMs` come from the stored run row, which is authoritative. */
export function parseRunRecord(record: Json, run: { status: RunStatus; durationMs: number }): RunView {
  const root = asObject(record);
  const jobs = Array.isArray(root?.['jobs']) ? (root['jobs'] as readonly Json[]) : [];
  return {
    workflow: text(root?.['workflow'], 'process image'),
    status: run.status,
    durationMs: run.durationMs,
    jobs: jobs.map(toJob).filter((j): j is JobView => j !== null),
  };
}
