// A step is a small, reusable, declared function (like a GitHub Action): its inputs and outputs are
// declared with their types, so a job can only wire an existing output of the right type into an
// input (compile error), and the engine can check the same at definition time for untyped callers.

import { WorkflowDefinitionError } from './errors.js';
import type { JobSkip } from './job-skip.js';
import type { StepLogLevel } from './step-log.js';

/** Declares one input of a step or a workflow. `T` is its value type (type-only, never set). */
export interface InputSpec<T = unknown, Required extends boolean = boolean> {
  readonly required: Required;
  /** A secret value is written as "[redacted]" in run records. */
  readonly secret: boolean;
  readonly type?: T;
}

/** Declares one output of a step. `T` is its value type (type-only, never set). */
export interface OutputSpec<T = unknown> {
  readonly secret: boolean;
  readonly type?: T;
}

export type InputSpecs = Readonly<Record<string, InputSpec>>;
export type OutputSpecs = Readonly<Record<string, OutputSpec>>;

interface SpecOptions {
  readonly secret?: boolean;
}

export function requiredInput<T>(options: SpecOptions = {}): InputSpec<T, true> {
  return { required: true, secret: options.secret ?? false };
}

export function optionalInput<T>(options: SpecOptions = {}): InputSpec<T, false> {
  return { required: false, secret: options.secret ?? false };
}

export function output<T>(options: SpecOptions = {}): OutputSpec<T> {
  return { secret: options.secret ?? false };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type InputValueOf<S> = S extends InputSpec<infer T, boolean> ? T : never;
export type RequiredKeys<I> = { [K in keyof I]: I[K] extends InputSpec<unknown, true> ? K : never }[keyof I];
export type OptionalKeys<I> = Exclude<keyof I, RequiredKeys<I>>;

/** The values a step (or workflow) receives for its declared inputs. */
export type InputValues<I extends InputSpecs> = Simplify<
  { readonly [K in RequiredKeys<I>]: InputValueOf<I[K]> } & {
    readonly [K in OptionalKeys<I>]?: InputValueOf<I[K]>;
  }
>;

/** The values a step returns for its declared outputs. */
export type OutputValues<O extends OutputSpecs> = {
  [K in keyof O]: O[K] extends OutputSpec<infer T> ? T : never;
};

/** What a running step can use: its cancellation signal and its log. */
export interface StepContext {
  /** Aborted when the step times out or the workflow run is cancelled; pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  /** Appends a line to this step's record (bounded, see step-log.ts). */
  log(level: StepLogLevel, message: string): void;
  /**
   * Concludes this step's job as skipped with `reason` (`return ctx.skipJob('no source repository')`):
   * the job's later steps and the jobs that need it are skipped; the run does not fail.
   */
  skipJob(reason: string): JobSkip;
}

/** What `run` may return: its declared outputs, or `ctx.skipJob(reason)`. */
export type StepReturn<O extends OutputSpecs> = OutputValues<O> | JobSkip;

export interface StepDefinition<
  I extends InputSpecs = InputSpecs,
  O extends OutputSpecs = OutputSpecs,
  Id extends string | undefined = string | undefined,
> {
  /** The id used when a job does not give one. */
  readonly id: Id;
  readonly name: string;
  readonly inputs: I;
  readonly outputs: O;
  // Method syntax (bivariant parameters) so a concrete step is assignable to the general type.
  run(ctx: StepContext, inputs: InputValues<I>): Promise<StepReturn<O>> | StepReturn<O>;
  /** Cleanup run after the job finishes, whatever happened, if `run` was started (like Actions' `post`). */
  post?(ctx: StepContext, inputs: InputValues<I>, outputs: Partial<OutputValues<O>>): Promise<void> | void;
}

export interface StepDeclaration<I extends InputSpecs, O extends OutputSpecs, Id extends string | undefined> {
  readonly id?: Id;
  readonly name: string;
  readonly inputs?: I;
  readonly outputs?: O;
  run(ctx: StepContext, inputs: InputValues<I>): Promise<StepReturn<O>> | StepReturn<O>;
  post?(ctx: StepContext, inputs: InputValues<I>, outputs: Partial<OutputValues<O>>): Promise<void> | void;
}

/** An id that can be written in a reference (`steps.<id>.outputs.<name>`). */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function defineStep<
  const Id extends string | undefined = undefined,
  I extends InputSpecs = Record<never, never>,
  O extends OutputSpecs = Record<never, never>,
>(declaration: StepDeclaration<I, O, Id>): StepDefinition<I, O, Id> {
  const name = typeof declaration.name === 'string' ? declaration.name.trim() : '';
  const subject = { step: name || String(declaration.id) };
  if (name === '') throw new WorkflowDefinitionError(subject, 'a step needs a non-empty "name"');
  if (typeof declaration.run !== 'function') {
    throw new WorkflowDefinitionError(subject, '"run" must be a function (ctx, inputs) => outputs');
  }
  if (declaration.id !== undefined && !ID_PATTERN.test(declaration.id)) {
    throw new WorkflowDefinitionError(subject, `id "${declaration.id}" must match ${ID_PATTERN}`);
  }
  return Object.freeze({
    ...declaration,
    id: declaration.id as Id,
    name,
    inputs: declaration.inputs ?? ({} as I),
    outputs: declaration.outputs ?? ({} as O),
  });
}
