// The typed way to write a workflow. Jobs are added after the jobs they need and steps after the
// steps they read from, so `ref.steps.<id>.outputs.<name>` and `ref.needs.<job>.outputs.<name>`
// only offer what exists, with its type: wiring a missing output, or a string output into a number
// input, does not compile. A step that may not run (it has an `if`, or `continueOnError`) offers
// its outputs as `T | undefined`, so they fit only optional inputs. `build()` hands the result to
// defineWorkflow for the run-time checks, and keeps every job's output types for runWorkflow.

import type {
  InputSpecs,
  InputValueOf,
  InputValues,
  OptionalKeys,
  OutputSpecs,
  OutputValues,
  RequiredKeys,
  StepDefinition,
} from './define-step.js';
import { defineWorkflow, type JobOutputsById, type Workflow } from './define-workflow.js';
import { WorkflowDefinitionError, type DefinitionSubject } from './errors.js';
import type { StepStatus } from './record.js';
import { Reference } from './reference.js';
import type { Binding, JobSpec, RetryPolicy, StepSpec } from './spec.js';

/** Output values by owner id: step id → outputs, or job id → outputs. */
type OutputsById = JobOutputsById;

type OutputRefs<O> = {
  readonly [K in keyof O]: { readonly outputs: { readonly [N in keyof O[K]]: Reference<O[K][N]> } };
};

/** What `with` and `outputs` may refer to at one point of a job. */
export interface Refs<WI extends InputSpecs, Needs extends OutputsById, Steps extends OutputsById> {
  readonly inputs: { readonly [K in keyof WI]: Reference<InputValueOf<WI[K]>> };
  readonly needs: OutputRefs<Needs>;
  readonly steps: OutputRefs<Steps>;
}

export interface JobIfContext<WI extends InputSpecs, Needs extends OutputsById> {
  readonly inputs: InputValues<WI>;
  /** Every need succeeded (else the job is skipped before its `if`), so its outputs are all there. */
  readonly needs: { readonly [J in keyof Needs]: { readonly outputs: Needs[J] } };
}

export interface StepIfContext<
  WI extends InputSpecs,
  Needs extends OutputsById,
  Steps extends OutputsById,
> extends JobIfContext<WI, Needs> {
  readonly steps: {
    readonly [S in keyof Steps]: { readonly status: StepStatus; readonly outputs: Partial<Steps[S]> };
  };
}

export type Bindings<I extends InputSpecs> = {
  readonly [K in RequiredKeys<I>]: Binding<InputValueOf<I[K]>>;
} & {
  readonly [K in OptionalKeys<I>]?: Binding<InputValueOf<I[K]> | undefined>;
};

export interface StepOptions<Id extends string, I extends InputSpecs, R, C> {
  /** Defaults to the id given in defineStep. */
  readonly id?: Id;
  readonly with?: Bindings<I> | ((ref: R) => Bindings<I>);
  readonly if?: (ctx: C) => boolean;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly continueOnError?: boolean;
}

/** Options of a step that may leave its outputs unset in a job that goes on. */
type MayNotRun<C> = { readonly if: (ctx: C) => boolean } | { readonly continueOnError: true };
/** Options of a step that runs whenever its job gets to it, and whose failure fails the job. */
interface AlwaysRuns {
  readonly if?: undefined;
  readonly continueOnError?: false;
}

type AnyStep = StepDefinition<InputSpecs, OutputSpecs, string | undefined>;
type InputsOf<S> = S extends StepDefinition<infer I, OutputSpecs, string | undefined> ? I : never;
type OutputsOf<S> =
  S extends StepDefinition<InputSpecs, infer O, string | undefined> ? OutputValues<O> : never;
type DefaultId<S> = S extends { readonly id: infer Id extends string } ? Id : never;
type HasRequiredInputs<S> = [RequiredKeys<InputsOf<S>>] extends [never] ? false : true;
/**
 * `options` may be left out only when there is nothing to say: a step defined without an id must
 * be given one (it names the step in refs and records), and required inputs must be bound.
 */
type StepArguments<S, Id extends string, R, C, Mode> = [DefaultId<S>] extends [never]
  ? [options: StepOptions<Id, InputsOf<S>, R, C> & Mode & { readonly id: Id } & WithRequired<S, R>]
  : HasRequiredInputs<S> extends true
    ? [options: StepOptions<Id, InputsOf<S>, R, C> & Mode & WithRequired<S, R>]
    : [options?: StepOptions<Id, InputsOf<S>, R, C> & Mode];
type WithRequired<S, R> =
  HasRequiredInputs<S> extends true
    ? { readonly with: Bindings<InputsOf<S>> | ((ref: R) => Bindings<InputsOf<S>>) }
    : unknown;
type ValuesOf<M> = { [K in keyof M]: M[K] extends Reference<infer T> ? T : never };
type OrUndefined<O> = { [K in keyof O]: O[K] | undefined };

/** Names of what each owner declares, to build the `ref` objects at run time. */
interface Declared {
  readonly subject: DefinitionSubject;
  readonly inputs: readonly string[];
  readonly needs: ReadonlyMap<string, readonly string[]>;
  readonly steps: ReadonlyMap<string, readonly string[]>;
}

/**
 * A read-only record that throws a definition error naming the missing key, for callers that get
 * past the types (plain JavaScript, casts): `ref.steps.later` must not become a bare TypeError.
 */
function strict<T extends object>(record: T, subject: DefinitionSubject, what: string): T {
  return new Proxy(record, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target)) {
        const known = Object.keys(target).join(', ') || 'none';
        throw new WorkflowDefinitionError(subject, `${what} has no "${key}" (it has: ${known})`);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function outputRefs(declared: Declared, scope: 'steps' | 'needs') {
  const owners = declared[scope];
  const described = scope === 'steps' ? 'the steps before this one' : "this job's needs";
  const refs = Object.fromEntries(
    [...owners].map(([owner, names]) => {
      const outputs = Object.fromEntries(
        names.map((output) => [
          output,
          new Reference(scope === 'steps' ? { scope, step: owner, output } : { scope, job: owner, output }),
        ]),
      );
      return [owner, { outputs: strict(outputs, declared.subject, `${scope}.${owner}.outputs`) }];
    }),
  );
  return strict(refs, declared.subject, `ref.${scope} (${described})`);
}

function buildRefs<R>(declared: Declared): R {
  const inputs = Object.fromEntries(
    declared.inputs.map((name) => [name, new Reference({ scope: 'inputs', name })]),
  );
  return {
    inputs: strict(inputs, declared.subject, 'ref.inputs (the workflow inputs)'),
    needs: outputRefs(declared, 'needs'),
    steps: outputRefs(declared, 'steps'),
  } as R; // The runtime shape mirrors the type; names come from the same declarations.
}

export class JobBuilder<
  WI extends InputSpecs,
  Needs extends OutputsById,
  Steps extends OutputsById = Record<never, never>,
  Outputs extends Record<string, unknown> = Record<never, never>,
> {
  constructor(
    private readonly declared: Declared,
    readonly steps: readonly StepSpec[] = [],
    readonly outputMap: Readonly<Record<string, Reference>> = {},
  ) {}

  /**
   * A step with an `if`, or that may fail without failing its job (`continueOnError: true`), can
   * leave its outputs unset in a job that goes on: the steps and job outputs after it see them as
   * `T | undefined`, so they fit only optional inputs. (Two overloads because a generic cannot see
   * whether an `if` was given: its callback is typed from the context.)
   */
  step<S extends AnyStep, const Id extends string = DefaultId<S>>(
    definition: S,
    ...[options]: StepArguments<
      S,
      Id,
      Refs<WI, Needs, Steps>,
      StepIfContext<WI, Needs, Steps>,
      MayNotRun<StepIfContext<WI, Needs, Steps>>
    >
  ): JobBuilder<WI, Needs, Steps & { [K in Id]: OrUndefined<OutputsOf<S>> }, Outputs>;
  step<S extends AnyStep, const Id extends string = DefaultId<S>>(
    definition: S,
    ...[options]: StepArguments<S, Id, Refs<WI, Needs, Steps>, StepIfContext<WI, Needs, Steps>, AlwaysRuns>
  ): JobBuilder<WI, Needs, Steps & { [K in Id]: OutputsOf<S> }, Outputs>;
  step(definition: AnyStep, options?: StepOptions<string, InputSpecs, never, never>): JobBuilder<WI, Needs> {
    const given = options;
    const id = given?.id ?? definition.id;
    const bindings =
      typeof given?.with === 'function' ? given.with(buildRefs(this.declared)) : (given?.with ?? {});
    const spec: StepSpec = { ...given, id, uses: definition, with: bindings };
    const steps = new Map(this.declared.steps);
    if (id !== undefined) steps.set(id, Object.keys(definition.outputs));
    return new JobBuilder({ ...this.declared, steps }, [...this.steps, spec], this.outputMap);
  }

  /** Declares the job's outputs, each mapped from an output of its steps (or needs, or inputs). */
  outputs<M extends Record<string, Reference>>(
    map: (ref: Refs<WI, Needs, Steps>) => M,
  ): JobBuilder<WI, Needs, Steps, ValuesOf<M>> {
    return new JobBuilder(this.declared, this.steps, map(buildRefs(this.declared)));
  }
}

export interface JobOptions<WI extends InputSpecs, Jobs extends OutputsById, N extends keyof Jobs> {
  readonly name?: string;
  readonly needs?: readonly N[];
  readonly if?: (ctx: JobIfContext<WI, Pick<Jobs, N>>) => boolean;
}

export class WorkflowBuilder<WI extends InputSpecs, Jobs extends OutputsById = Record<never, never>> {
  constructor(
    private readonly name: string,
    private readonly inputs: WI,
    private readonly jobs: readonly JobSpec[] = [],
  ) {}

  job<
    const Id extends string,
    JobOutputs extends Record<string, unknown>,
    const N extends keyof Jobs & string = never,
  >(
    id: Id,
    options: JobOptions<WI, Jobs, N>,
    build: (job: JobBuilder<WI, Pick<Jobs, N>>) => JobBuilder<WI, Pick<Jobs, N>, OutputsById, JobOutputs>,
  ): WorkflowBuilder<WI, Jobs & { [K in Id]: JobOutputs }> {
    const needs = options.needs ?? [];
    const declared: Declared = {
      subject: { workflow: this.name, job: id },
      inputs: Object.keys(this.inputs),
      needs: new Map(
        needs.map((need) => [need, Object.keys(this.jobs.find((job) => job.id === need)?.outputs ?? {})]),
      ),
      steps: new Map(),
    };
    const built = build(new JobBuilder(declared));
    const job: JobSpec = { ...options, id, needs, steps: built.steps, outputs: built.outputMap };
    return new WorkflowBuilder(this.name, this.inputs, [...this.jobs, job]);
  }

  /** Checks the whole workflow (see define-workflow.ts) and returns it, ready to run. */
  build(): Workflow<WI, Jobs> {
    return defineWorkflow<WI, Jobs>({ name: this.name, inputs: this.inputs, jobs: this.jobs });
  }
}

/** Starts a typed workflow definition: `workflow('process image', { reference: requiredInput<string>() })`. */
export function workflow<const WI extends InputSpecs = Record<never, never>>(
  name: string,
  inputs: WI = {} as WI,
): WorkflowBuilder<WI> {
  return new WorkflowBuilder(name, inputs);
}
