// The plain-data form of a workflow: what `defineWorkflow` validates and `runWorkflow` runs. The
// typed builder (workflow-builder.ts) produces it; callers that build workflows from data can write
// it directly and get the same checks at definition time instead of compile time.

import type { InputSpecs, StepDefinition } from './define-step.js';
import type { StepStatus } from './record.js';
import type { Reference } from './reference.js';

export interface RetryPolicy {
  /** Total attempts, including the first (1 = no retry). */
  readonly attempts: number;
  /** Wait before the 2nd attempt; doubles for each further attempt. */
  readonly backoffMs: number;
  /** Upper bound of the doubling wait. */
  readonly maxBackoffMs?: number;
  /** Return false to stop retrying on this error (e.g. a 404 will not get better). Default: retry all. */
  retryOn?(error: unknown): boolean;
}

/** What a job's `if` sees: the workflow inputs and the outputs of the jobs it needs. */
export interface JobConditionContext {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly needs: Readonly<Record<string, { readonly outputs: Readonly<Record<string, unknown>> }>>;
}

/** What a step's `if` sees: the job's context plus the earlier steps of its job. */
export interface StepConditionContext extends JobConditionContext {
  readonly steps: Readonly<
    Record<string, { readonly status: StepStatus; readonly outputs: Readonly<Record<string, unknown>> }>
  >;
}

/** A literal value, or a reference resolved when the step starts. */
export type Binding<T> = T | Reference<T>;

export interface StepSpec {
  /** Defaults to the step definition's id; unique within the job. */
  readonly id?: string;
  readonly uses: StepDefinition;
  readonly with?: Readonly<Record<string, unknown>>;
  // Method syntax (bivariant) so typed conditions from the builder fit.
  if?(ctx: StepConditionContext): boolean;
  readonly retry?: RetryPolicy;
  /** Limit for each attempt, in ms; the step's signal is aborted when it passes. */
  readonly timeoutMs?: number;
  /** A failure is recorded but does not fail the job or skip the steps after it. */
  readonly continueOnError?: boolean;
}

export interface JobSpec {
  readonly id: string;
  readonly name?: string;
  readonly needs?: readonly string[];
  if?(ctx: JobConditionContext): boolean;
  readonly steps: readonly StepSpec[];
  /** The job's outputs, each mapped from a step output (or a need's output, or a workflow input). */
  readonly outputs?: Readonly<Record<string, Reference>>;
}

export interface WorkflowSpec<WI extends InputSpecs = InputSpecs> {
  readonly name: string;
  readonly inputs?: WI;
  readonly jobs: readonly JobSpec[];
}
