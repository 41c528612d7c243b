// The workflow engine's public API: define steps, compose them into a workflow, run it, get a record.
// See docs/workflow.md for an example and the record format.

export { defineStep, optionalInput, output, requiredInput } from './define-step.js';
export type {
  InputSpec,
  InputValues,
  OutputSpec,
  OutputValues,
  StepContext,
  StepDefinition,
  StepReturn,
} from './define-step.js';
export type { JobSkip } from './job-skip.js';
export { workflow, type JobBuilder, type WorkflowBuilder } from './workflow-builder.js';
export { defineWorkflow, type JobOutputsById, type Workflow } from './define-workflow.js';
export { reference, Reference, ReferenceSyntaxError } from './reference.js';
export type { JobSpec, RetryPolicy, StepSpec, WorkflowSpec } from './spec.js';
export {
  runWorkflow,
  DEFAULT_POST_TIMEOUT_MS,
  type JobOutcome,
  type RunOptions,
  type RunResult,
} from './run-workflow.js';
export type { Sleep } from './abortable.js';
export * from './errors.js';
export type * from './record.js';
export type { StepLogEntry, StepLogLevel } from './step-log.js';
