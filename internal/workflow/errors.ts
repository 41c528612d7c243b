// Typed failures of the workflow engine. Definition errors are thrown when a workflow is defined
// (they are programmer errors: fix the definition); the others end up, flattened, in a step's
// record (see flatten-error.ts) and never escape a run.

export interface DefinitionSubject {
  /** Absent for a step definition, which belongs to no workflow yet. */
  readonly workflow?: string;
  readonly job?: string;
  readonly step?: string;
}

function describeSubject({ workflow, job, step }: DefinitionSubject): string {
  const parts: string[] = [];
  if (workflow !== undefined) parts.push(`workflow "${workflow}"`);
  if (job !== undefined) parts.push(`job "${job}"`);
  if (step !== undefined) parts.push(`step "${step}"`);
  return parts.join(', ');
}

/** The workflow (or a step definition) is malformed; names the offending part and the fix. */
export class WorkflowDefinitionError extends Error {
  override readonly name = 'WorkflowDefinitionError';
  constructor(
    readonly subject: DefinitionSubject,
    problem: string,
  ) {
    super(`${describeSubject(subject)}: ${problem}`);
  }
}

/** `runWorkflow` was given inputs that do not match the workflow's declared inputs. */
export class WorkflowInputError extends Error {
  override readonly name = 'WorkflowInputError';
  constructor(
    readonly workflow: string,
    readonly input: string,
    problem: string,
  ) {
    super(`workflow "${workflow}": input "${input}" ${problem}`);
  }
}

/** A required step input resolved to no value at run time (e.g. the step that sets it was skipped). */
export class MissingInputError extends Error {
  override readonly name = 'MissingInputError';
  constructor(
    readonly job: string,
    readonly step: string,
    readonly input: string,
    readonly reference: string,
  ) {
    super(
      `job "${job}", step "${step}": required input "${input}" has no value (${reference} was not set); ` +
        'make sure the step that sets it ran and set it, or declare the input optional',
    );
  }
}

export type StepPhase = 'main' | 'post';

/** One attempt of a step (or its post cleanup) ran past its time limit; its signal was aborted. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
  constructor(
    readonly job: string,
    readonly step: string,
    readonly phase: StepPhase,
    readonly timeoutMs: number,
  ) {
    const what = phase === 'post' ? 'post cleanup of step' : 'step';
    super(`job "${job}", ${what} "${step}" timed out after ${timeoutMs} ms`);
  }
}

/** A step returned something that is not an object of its declared outputs. */
export class StepOutputError extends Error {
  override readonly name = 'StepOutputError';
  constructor(
    readonly job: string,
    readonly step: string,
    returned: string,
    declared: readonly string[],
  ) {
    super(
      `job "${job}", step "${step}" returned ${returned}; expected an object with its declared outputs (${declared.join(', ')})`,
    );
  }
}

/** An `if` condition threw instead of answering true or false. */
export class ConditionError extends Error {
  override readonly name = 'ConditionError';
  constructor(
    readonly job: string,
    readonly step: string | null,
    options: { cause: unknown },
  ) {
    super(`job "${job}"${step === null ? '' : `, step "${step}"`}: the "if" condition threw`, options);
  }
}
