// Workflow run records per image. Only the newest RUNS_KEPT_PER_IMAGE are kept: a run record is
// for "why did the last checks do that", and an image re-checked every few hours for a year would
// otherwise keep thousands.
import type { Database } from 'better-sqlite3';
import { parseJson, toJsonText } from './json.js';
import type { RunStatus, WorkflowRun } from '../model/workflow-run.js';

export const RUNS_KEPT_PER_IMAGE = 10;

interface RunRow {
  readonly status: RunStatus;
  readonly started_at: number;
  readonly duration_ms: number;
  readonly record: string;
}

export interface RunsTable {
  add(imageId: number, run: WorkflowRun<unknown>): void;
  /** Newest first. */
  forImage(imageId: number): WorkflowRun[];
}

export function createRunsTable(db: Database, path: string): RunsTable {
  const insert = db.prepare<[number, RunStatus, number, number, string]>(
    'INSERT INTO workflow_runs (image_id, status, started_at, duration_ms, record) VALUES (?, ?, ?, ?, ?)',
  );
  const prune = db.prepare<[number, number, number]>(
    `DELETE FROM workflow_runs WHERE image_id = ? AND id NOT IN (
       SELECT id FROM workflow_runs WHERE image_id = ? ORDER BY started_at DESC, id DESC LIMIT ?)`,
  );
  const newest = db.prepare<[number, number], RunRow>(
    `SELECT status, started_at, duration_ms, record FROM workflow_runs
      WHERE image_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`,
  );
  return {
    add(imageId, run) {
      insert.run(
        imageId,
        run.status,
        run.startedAt,
        run.durationMs,
        toJsonText(path, 'workflow run record', run.record),
      );
      prune.run(imageId, imageId, RUNS_KEPT_PER_IMAGE);
    },
    forImage(imageId) {
      return newest.all(imageId, RUNS_KEPT_PER_IMAGE).map((row) => ({
        status: row.status,
        startedAt: row.started_at,
        durationMs: row.duration_ms,
        record: parseJson(row.record),
      }));
    },
  };
}
