// A step concluding its own job as skipped (docs/workflow.md, "Semantics"): the step had nothing to
// do and says why, e.g. "the image names no source repository". Unlike a failure, it is not
// retried, does not fail the run, and skips the job's later steps and the jobs that need it, like a
// job whose `if` is false. A step returns it (`return ctx.skipJob(reason)`) rather than throwing it,
// so its type says it may, and nothing in between can catch it by mistake.

const SKIP: unique symbol = Symbol('skip job');

export interface JobSkip {
  readonly [SKIP]: true;
  readonly reason: string;
}

export function jobSkip(reason: string): JobSkip {
  return Object.freeze({ [SKIP]: true as const, reason: String(reason) });
}

export function isJobSkip(value: unknown): value is JobSkip {
  return typeof value === 'object' && value !== null && SKIP in value;
}
