// The record of one run: plain JSON (errors flattened, values made JSON-safe, secrets redacted), so
// the store can persist it and the UI can show it as is. `null` rather than absent keys, so every
// record has the same shape.

import type { StepLogEntry } from './step-log.js';

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';
export type JobStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type StepStatus = JobStatus;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly cause?: SerializedError;
}

export interface PostRecord {
  readonly status: 'succeeded' | 'failed';
  readonly durationMs: number;
  readonly error: SerializedError | null;
}

export interface StepRecord {
  readonly id: string;
  readonly name: string;
  readonly status: StepStatus;
  /** Why it was skipped or cancelled, e.g. `step "manifest" failed`; null when it ran to the end. */
  readonly reason: string | null;
  /** 0 when the step never started. */
  readonly attempts: number;
  /** null when the step never started. */
  readonly startedAt: string | null;
  readonly durationMs: number;
  readonly error: SerializedError | null;
  readonly logs: readonly StepLogEntry[];
  readonly logsDropped: number;
  /** The step's post cleanup, when it has one and `run` was started. */
  readonly post: PostRecord | null;
}

export interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly status: JobStatus;
  /** e.g. `needs "oci" failed`, `if condition is false`, `step "tags" failed`. */
  readonly reason: string | null;
  /** A job-level failure (its `if` threw); step failures are in the steps. */
  readonly error: SerializedError | null;
  readonly outputs: { readonly [name: string]: JsonValue };
  readonly startedAt: string | null;
  readonly durationMs: number;
  readonly steps: readonly StepRecord[];
}

export interface RunRecord {
  readonly formatVersion: 1;
  readonly workflow: string;
  readonly inputs: { readonly [name: string]: JsonValue };
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly jobs: readonly JobRecord[];
}

/** Live progress, for the UI. Delivered synchronously, in order; an observer that throws is ignored. */
export type RunEvent =
  | { readonly type: 'run-started'; readonly workflow: string; readonly startedAt: string }
  | {
      readonly type: 'job';
      readonly job: string;
      readonly status: 'running' | JobStatus;
      readonly reason: string | null;
    }
  | {
      readonly type: 'step';
      readonly job: string;
      readonly step: string;
      readonly status: 'running' | 'retrying' | StepStatus;
      readonly attempt: number;
      readonly reason: string | null;
    }
  | { readonly type: 'run-finished'; readonly record: RunRecord };

export type RunObserver = (event: RunEvent) => void;
