import { describe, expect, it } from 'vitest';
import type { Json } from '../../../internal/model/json.js';
import { parseRunRecord } from './run-record.js';

// Shaped like internal/workflow/record.ts's RunRecord, as the store returns it.
const record: Json = {
  formatVersion: 1,
  workflow: 'process-image',
  inputs: { reference: 'docker.io/library/nginx:1.25' },
  status: 'failed',
  startedAt: '2026-11-27T00:00:00.000Z',
  durationMs: 2300,
  jobs: [
    {
      id: 'oci',
      name: 'Check the registry',
      status: 'failed',
      reason: 'step "tags" failed',
      error: null,
      outputs: {},
      startedAt: '2026-11-27T00:00:00.000Z',
      durationMs: 2200,
      steps: [
        {
          id: 'parse',
          name: 'Parse the reference',
          status: 'succeeded',
          reason: null,
          attempts: 1,
          startedAt: 'x',
          durationMs: 2,
          error: null,
          logs: [],
          logsDropped: 0,
          post: null,
        },
        {
          id: 'tags',
          name: 'List tags',
          status: 'failed',
          reason: null,
          attempts: 3,
          startedAt: 'x',
          durationMs: 2100,
          error: {
            name: 'RegistryError',
            message: 'tags of nginx: 503',
            cause: { name: 'Error', message: 'Service Unavailable' },
          },
          logs: [],
          logsDropped: 0,
          post: null,
        },
        {
          id: 'summarize',
          name: 'Summarize',
          status: 'skipped',
          reason: 'step "tags" failed',
          attempts: 0,
          startedAt: null,
          durationMs: 0,
          error: null,
          logs: [],
          logsDropped: 0,
          post: null,
        },
      ],
    },
  ],
};

describe('parseRunRecord', () => {
  it('reads jobs, steps, durations and error chains', () => {
    const run = parseRunRecord(record, { status: 'failed', durationMs: 2300 });
    expect(run.workflow).toBe('process-image');
    expect(run.jobs).toHaveLength(1);
    const job = run.jobs[0];
    expect(job).toMatchObject({ name: 'Check the registry', status: 'failed', reason: 'step "tags" failed' });
    expect(job?.steps.map((s) => [s.id, s.status, s.attempts, s.durationMs])).toEqual([
      ['parse', 'succeeded', 1, 2],
      ['tags', 'failed', 3, 2100],
      ['summarize', 'skipped', 0, 0],
    ]);
    expect(job?.steps[1]?.error).toBe('tags of nginx: 503: Service Unavailable');
    expect(job?.steps[2]?.reason).toBe('step "tags" failed');
  });

  it('shows an unreadable record as a run with no jobs instead of failing', () => {
    expect(parseRunRecord('garbage', { status: 'succeeded', durationMs: 5 })).toEqual({
      workflow: 'process image',
      status: 'succeeded',
      durationMs: 5,
      jobs: [],
    });
  });
});
