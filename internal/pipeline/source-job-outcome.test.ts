import { describe, expect, it } from 'vitest';
import type { JobRecord, RunRecord, StepRecord } from '../workflow/index.js';
import { withSourceOutcomes } from './source-job-outcome.js';

const step = (message: string | null, name = 'SourceError'): StepRecord => ({
  id: 's',
  name: 'S',
  status: message === null ? 'succeeded' : 'failed',
  reason: null,
  attempts: 1,
  startedAt: null,
  durationMs: 0,
  error: message === null ? null : { name, message },
  logs: [],
  logsDropped: 0,
  post: null,
});
const job = (id: string, message: string | null, name?: string): JobRecord => ({
  id,
  name: id,
  status: message === null ? 'succeeded' : 'failed',
  reason: message === null ? null : 'step "s" failed',
  error: null,
  outputs: {},
  startedAt: null,
  durationMs: 0,
  steps: [step(message, name)],
});
const run = (jobs: JobRecord[]): RunRecord => ({
  formatVersion: 1,
  workflow: 'w',
  inputs: {},
  status: 'failed',
  startedAt: '',
  durationMs: 0,
  jobs,
});

describe('withSourceOutcomes', () => {
  it('records a `skipped:` SourceError as a skipped job; the run then succeeded', () => {
    const record = withSourceOutcomes(
      run([job('oci', null), job('github', 'skipped: no such repository')]),
      'oci',
    );
    expect(record.status).toBe('succeeded');
    expect(record.jobs[1]).toMatchObject({ status: 'skipped', reason: 'skipped: no such repository' });
    expect(record.jobs[1]?.steps[0]).toMatchObject({
      status: 'skipped',
      reason: 'skipped: no such repository',
    });
  });

  it("gives a failed enrichment job its step's message as the reason, and leaves the oci job alone", () => {
    const record = withSourceOutcomes(
      run([
        job('oci', 'boom', 'RegistryError'),
        job('hub', 'failed: rate limit'),
        job('osv', 'timed out', 'StepTimeoutError'),
      ]),
      'oci',
    );
    expect(record.status).toBe('failed');
    expect(record.jobs.map((j) => [j.status, j.reason])).toEqual([
      ['failed', 'step "s" failed'],
      ['failed', 'failed: rate limit'],
      ['failed', 'failed: timed out'],
    ]);
  });
});
