// One run of the "process image" workflow as stored: the record is the workflow's own JSON.
import type { Json } from './json.js';

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

/** `R` is the workflow run record (unknown going in, Json coming out). */
export interface WorkflowRun<R = Json> {
  readonly status: RunStatus;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly record: R;
}
