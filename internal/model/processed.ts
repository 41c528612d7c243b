// What one run of the pipeline hands the store: a finished or a failed check.
import type { HistoryEvent } from './history.js';
import type { Description, Link, ReleaseNote, UpdateResult, Vulnerability } from './image.js';
import type { WorkflowRun } from './workflow-run.js';

interface ProcessedBase {
  readonly reference: string;
  readonly processedAt: number;
  /** The image's whole tag set after this run: replaces the previous one. */
  readonly tags: readonly string[];
  readonly run: WorkflowRun<unknown>;
  readonly history?: readonly HistoryEvent[];
}

/** A finished check: replaces the result, description, links, notes and vulnerabilities. */
export interface ProcessedDone extends ProcessedBase {
  readonly status: 'done';
  readonly result: UpdateResult<unknown>;
  readonly description: Description | null;
  readonly links: readonly Link[];
  readonly releaseNotes: readonly ReleaseNote[];
  readonly vulnerabilities: readonly Vulnerability[];
}

/** A failed check: keeps the last good result and enrichment, records the error. */
export interface ProcessedFailed extends ProcessedBase {
  readonly status: 'failed';
  readonly error: string;
}

export type ProcessedImage = ProcessedDone | ProcessedFailed;
