// Validates a workflow once, when it is defined: unique ids, known needs, no cycles, every input
// bound, every reference pointing at something that exists and is visible from where it is used.
// A `Workflow` can only come from here, so the runner never sees an unchecked definition.

import { ID_PATTERN, type InputSpecs, type StepDefinition } from './define-step.js';
import { WorkflowDefinitionError, type DefinitionSubject } from './errors.js';
import { orderJobs } from './job-order.js';
import { Reference } from './reference.js';
import type {
  JobConditionContext,
  JobSpec,
  RetryPolicy,
  StepConditionContext,
  WorkflowSpec,
} from './spec.js';

export interface CheckedStep {
  readonly id: string;
  readonly definition: StepDefinition;
  readonly with: Readonly<Record<string, unknown>>;
  readonly if: ((ctx: StepConditionContext) => boolean) | null;
  readonly retry: RetryPolicy | null;
  readonly timeoutMs: number | null;
  readonly continueOnError: boolean;
}

export interface CheckedJob {
  readonly id: string;
  readonly name: string;
  readonly needs: readonly string[];
  readonly if: ((ctx: JobConditionContext) => boolean) | null;
  readonly steps: readonly CheckedStep[];
  readonly outputs: Readonly<Record<string, Reference>>;
  /** Whether each output carries a secret (it maps a secret step output or input). */
  readonly outputSpecs: Readonly<Record<string, { readonly secret: boolean }>>;
}

/** Only this module sets it, so a `Workflow` is always a checked one. */
const checked: unique symbol = Symbol('checked workflow');

/** Output values by job id: the type of what each job's outputs hold when it succeeded. */
export type JobOutputsById = Record<string, Record<string, unknown>>;

/**
 * A checked workflow. `Jobs` is type-only: the typed builder fills it in, so the result of
 * runWorkflow knows every job's outputs and their types; a plain-data workflow has string keys.
 */
export interface Workflow<WI extends InputSpecs = InputSpecs, Jobs extends JobOutputsById = JobOutputsById> {
  readonly [checked]: true;
  /** Type-only (never set): the outputs of each job. */
  readonly jobOutputs?: Jobs;
  readonly name: string;
  readonly inputs: WI;
  /** Needs first (see job-order.ts). */
  readonly jobs: readonly CheckedJob[];
}

/** What a reference may point at from one place in the workflow. */
interface Visible {
  readonly inputs: InputSpecs;
  readonly needs: ReadonlyMap<string, CheckedJob['outputSpecs']>;
  readonly steps: ReadonlyMap<string, StepDefinition['outputs']>;
}

/** Returns whether the referenced value is secret, or throws naming what is wrong with it. */
function checkReference(
  ref: Reference,
  visible: Visible,
  subject: DefinitionSubject,
  usedAs: string,
): boolean {
  const fail = (problem: string): never => {
    throw new WorkflowDefinitionError(subject, `${usedAs} refers to ${ref}, but ${problem}`);
  };
  const path = ref.path;
  switch (path.scope) {
    case 'inputs': {
      const spec = visible.inputs[path.name] ?? fail(`the workflow declares no input "${path.name}"`);
      return spec.secret;
    }
    case 'steps': {
      const outputs =
        visible.steps.get(path.step) ?? fail(`no earlier step of this job has id "${path.step}"`);
      const spec =
        outputs[path.output] ??
        fail(
          `step "${path.step}" declares no output "${path.output}" (it has: ${Object.keys(outputs).join(', ')})`,
        );
      return spec.secret;
    }
    case 'needs': {
      const outputs =
        visible.needs.get(path.job) ?? fail(`"${path.job}" is not in this job's needs; add it to "needs"`);
      const spec =
        outputs[path.output] ??
        fail(
          `job "${path.job}" declares no output "${path.output}" (it has: ${Object.keys(outputs).join(', ')})`,
        );
      return spec.secret;
    }
  }
}

function checkPositive(
  value: number | undefined,
  subject: DefinitionSubject,
  what: string,
  min: number,
): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new WorkflowDefinitionError(subject, `${what} must be a number >= ${min}, got ${String(value)}`);
  }
}

function checkRetry(retry: RetryPolicy | undefined, subject: DefinitionSubject): RetryPolicy | null {
  if (retry === undefined) return null;
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new WorkflowDefinitionError(
      subject,
      `retry.attempts must be a whole number >= 1, got ${retry.attempts}`,
    );
  }
  checkPositive(retry.backoffMs, subject, 'retry.backoffMs', 0);
  checkPositive(retry.maxBackoffMs, subject, 'retry.maxBackoffMs', 0);
  return retry;
}

function checkId(id: unknown, subject: DefinitionSubject, what: string): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new WorkflowDefinitionError(subject, `${what} id ${JSON.stringify(id)} must match ${ID_PATTERN}`);
  }
  return id;
}

function checkJob(
  job: JobSpec & { readonly needs: readonly string[] },
  workflow: string,
  inputs: InputSpecs,
  checkedJobs: ReadonlyMap<string, CheckedJob>,
): CheckedJob {
  const needs = new Map(job.needs.map((need) => [need, checkedJobs.get(need)?.outputSpecs ?? {}]));
  const steps = new Map<string, StepDefinition['outputs']>();
  const checkedSteps = job.steps.map((step, index): CheckedStep => {
    const position = { workflow, job: job.id, step: `#${index + 1} (${step.uses?.name ?? '?'})` };
    if (typeof step.uses?.run !== 'function') {
      throw new WorkflowDefinitionError(position, '"uses" must be a step made with defineStep');
    }
    const id = checkId(
      step.id ?? step.uses?.id,
      position,
      'step (give it an id in the job or in defineStep)',
    );
    const subject = { workflow, job: job.id, step: id };
    if (steps.has(id)) throw new WorkflowDefinitionError(subject, 'another step of this job has the same id');
    const declared = step.uses.inputs;
    const bindings = step.with ?? {};
    for (const name of Object.keys(bindings)) {
      if (!(name in declared)) {
        const known = Object.keys(declared).join(', ') || 'none';
        throw new WorkflowDefinitionError(
          subject,
          `input "${name}" is not declared by the step (it has: ${known})`,
        );
      }
    }
    for (const [name, spec] of Object.entries(declared)) {
      const binding = bindings[name];
      if (binding instanceof Reference)
        checkReference(binding, { inputs, needs, steps }, subject, `input "${name}"`);
      else if (spec.required && binding === undefined) {
        throw new WorkflowDefinitionError(subject, `required input "${name}" is not bound; set it in "with"`);
      }
    }
    checkPositive(step.timeoutMs, subject, 'timeoutMs', 1);
    const checkedStep: CheckedStep = {
      id,
      definition: step.uses,
      with: bindings,
      if: step.if?.bind(step) ?? null,
      retry: checkRetry(step.retry, subject),
      timeoutMs: step.timeoutMs ?? null,
      continueOnError: step.continueOnError ?? false,
    };
    steps.set(id, step.uses.outputs);
    return checkedStep;
  });
  const outputs = job.outputs ?? {};
  const outputSpecs: Record<string, { secret: boolean }> = {};
  for (const [name, ref] of Object.entries(outputs)) {
    if (!(ref instanceof Reference)) {
      throw new WorkflowDefinitionError({ workflow, job: job.id }, `output "${name}" must be a reference`);
    }
    const secret = checkReference(
      ref,
      { inputs, needs, steps },
      { workflow, job: job.id },
      `output "${name}"`,
    );
    outputSpecs[name] = { secret };
  }
  return {
    id: job.id,
    name: job.name ?? job.id,
    needs: job.needs,
    if: job.if?.bind(job) ?? null,
    steps: checkedSteps,
    outputs,
    outputSpecs,
  };
}

export function defineWorkflow<
  WI extends InputSpecs = InputSpecs,
  Jobs extends JobOutputsById = JobOutputsById,
>(spec: WorkflowSpec<WI>): Workflow<WI, Jobs> {
  const name = typeof spec.name === 'string' ? spec.name.trim() : '';
  if (name === '')
    throw new WorkflowDefinitionError({ workflow: '?' }, 'a workflow needs a non-empty "name"');
  const inputs = spec.inputs ?? ({} as WI);
  const seen = new Set<string>();
  const jobs = spec.jobs.map((job) => {
    const id = checkId(job.id, { workflow: name, job: String(job.id) }, 'job');
    if (seen.has(id))
      throw new WorkflowDefinitionError({ workflow: name, job: id }, 'another job has the same id');
    seen.add(id);
    return { ...job, needs: job.needs ?? [] };
  });
  const checkedJobs = new Map<string, CheckedJob>();
  for (const job of orderJobs(name, jobs)) checkedJobs.set(job.id, checkJob(job, name, inputs, checkedJobs));
  return Object.freeze({ [checked]: true as const, name, inputs, jobs: [...checkedJobs.values()] });
}
