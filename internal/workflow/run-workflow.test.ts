import { describe, expect, it } from 'vitest';

import { defineStep, output, requiredInput } from './define-step.js';
import { defineWorkflow } from './define-workflow.js';
import { WorkflowInputError } from './errors.js';
import { reference } from './reference.js';
import type { RunEvent } from './record.js';
import { runWorkflow } from './run-workflow.js';
import { echo, fail, jobOf, stepOf } from './testing/fixtures.js';
import { MAX_RECORD_ITEMS, MAX_RECORD_STRING_CHARS } from './to-json-safe.js';
import { workflow } from './workflow-builder.js';

describe('runWorkflow: jobs', () => {
  it('starts a job only after the jobs it needs, and runs independent jobs at the same time', async () => {
    const wf = workflow('order')
      .job('a', {}, (job) => job.step(echo, { id: 'e', with: { value: 'a', waitMs: 60 } }))
      .job('b', {}, (job) => job.step(echo, { id: 'e', with: { value: 'b', waitMs: 60 } }))
      .job('c', { needs: ['a', 'b'] }, (job) => job.step(echo, { id: 'e', with: { value: 'c' } }))
      .build();
    const { record } = await runWorkflow(wf, {});
    const span = (id: string) => {
      const job = jobOf(record, id);
      const start = Date.parse(job.startedAt ?? '');
      return { start, end: start + job.durationMs };
    };
    const [a, b, c] = [span('a'), span('b'), span('c')];
    expect(record.status).toBe('succeeded');
    // a and b overlap (each takes 60 ms; run one after the other they could not).
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end));
    // c starts after both ended (1 ms slack: startedAt has millisecond resolution).
    expect(c.start).toBeGreaterThanOrEqual(Math.max(a.end, b.end) - 1);
  });

  it('skips dependents of a failed job transitively, with the reason, while an independent job still runs', async () => {
    const wf = workflow('skips')
      .job('a', {}, (job) => job.step(fail, { id: 'boom', with: { message: 'registry down' } }))
      .job('b', { needs: ['a'] }, (job) => job.step(echo, { id: 'e', with: { value: 'b' } }))
      .job('c', { needs: ['b'] }, (job) => job.step(echo, { id: 'e', with: { value: 'c' } }))
      .job('d', {}, (job) => job.step(echo, { id: 'e', with: { value: 'd' } }))
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(record.status).toBe('failed');
    expect(jobOf(record, 'a')).toMatchObject({ status: 'failed', reason: 'step "boom" failed' });
    expect(stepOf(record, 'a', 'boom').error).toEqual({ name: 'Error', message: 'registry down' });
    expect(jobOf(record, 'b')).toMatchObject({
      status: 'skipped',
      reason: 'needs "a" failed',
      startedAt: null,
    });
    expect(jobOf(record, 'c')).toMatchObject({ status: 'skipped', reason: 'needs "b" skipped' });
    expect(stepOf(record, 'c', 'e')).toMatchObject({ status: 'skipped', attempts: 0 });
    expect(jobOf(record, 'd').status).toBe('succeeded');
  });

  it('skips a job whose if is false (using a need output), and skips its dependents', async () => {
    const wf = workflow('job-if')
      .job('oci', {}, (job) =>
        job
          .step(echo, { id: 'e', with: { value: 'no-update' } })
          .outputs((ref) => ({ verdict: ref.steps.e.outputs.value })),
      )
      .job('notify', { needs: ['oci'], if: ({ needs }) => needs.oci.outputs.verdict === 'update' }, (job) =>
        job.step(echo, { id: 'e', with: { value: 'x' } }),
      )
      .job('after', { needs: ['notify'] }, (job) => job.step(echo, { id: 'e', with: { value: 'y' } }))
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(record.status).toBe('succeeded');
    expect(jobOf(record, 'notify')).toMatchObject({ status: 'skipped', reason: 'if condition is false' });
    expect(jobOf(record, 'after')).toMatchObject({ status: 'skipped', reason: 'needs "notify" skipped' });
  });

  it('fails a job whose if throws, naming the job, without throwing from the run', async () => {
    const wf = workflow('job-if-throws')
      .job(
        'a',
        {
          if: () => {
            throw new TypeError('bad condition');
          },
        },
        (job) => job.step(echo, { id: 'e', with: { value: 'x' } }),
      )
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(jobOf(record, 'a')).toMatchObject({
      status: 'failed',
      error: {
        name: 'ConditionError',
        message: 'job "a": the "if" condition threw',
        cause: { name: 'TypeError', message: 'bad condition' },
      },
    });
    expect(record.status).toBe('failed');
  });
});

describe('runWorkflow: steps, inputs and outputs', () => {
  const split = defineStep({
    id: 'split',
    name: 'Split reference',
    inputs: { reference: requiredInput<string>() },
    outputs: { repository: output<string>(), tag: output<string>() },
    run: (_ctx, { reference }) => {
      const [repository = '', tag = 'latest'] = reference.split(':');
      return { repository, tag };
    },
  });

  it('wires workflow inputs, step outputs within a job and job outputs across jobs', async () => {
    const wf = workflow('wiring', { reference: requiredInput<string>() })
      .job('parse', {}, (job) =>
        job
          .step(split, { with: (ref) => ({ reference: ref.inputs.reference }) })
          .step(echo, { id: 'repo', with: (ref) => ({ value: ref.steps.split.outputs.repository }) })
          .outputs((ref) => ({ repository: ref.steps.repo.outputs.value, tag: ref.steps.split.outputs.tag })),
      )
      .job('use', { needs: ['parse'] }, (job) =>
        job
          .step(echo, { id: 'tag', with: (ref) => ({ value: ref.needs.parse.outputs.tag }) })
          .outputs((ref) => ({ tag: ref.steps.tag.outputs.value })),
      )
      .build();
    const { record } = await runWorkflow(wf, { reference: 'nginx:1.27' });
    expect(jobOf(record, 'parse').outputs).toEqual({ repository: 'nginx', tag: '1.27' });
    expect(jobOf(record, 'use').outputs).toEqual({ tag: '1.27' });
    expect(record.inputs).toEqual({ reference: 'nginx:1.27' });
  });

  it('skips a step whose if (over earlier outputs) is false, and the steps after a failed step', async () => {
    const wf = workflow('step-if')
      .job('a', {}, (job) =>
        job
          .step(echo, { id: 'kind', with: { value: 'oci' } })
          .step(echo, {
            id: 'hub',
            with: { value: 'docker hub' },
            if: ({ steps }) => steps.kind.outputs.value === 'hub',
          })
          .step(echo, {
            id: 'oci',
            with: { value: 'oci' },
            if: ({ steps }) => steps.hub.status === 'skipped',
          })
          .step(fail, { id: 'boom', with: { message: 'no' } })
          .step(echo, { id: 'after', with: { value: 'never' } }),
      )
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(stepOf(record, 'a', 'hub')).toMatchObject({ status: 'skipped', reason: 'if condition is false' });
    expect(stepOf(record, 'a', 'oci')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(stepOf(record, 'a', 'after')).toMatchObject({ status: 'skipped', reason: 'step "boom" failed' });
  });

  it('keeps going after a failed step marked continueOnError, but records the failure', async () => {
    const wf = workflow('continue')
      .job('a', {}, (job) =>
        job
          .step(fail, { id: 'optional', with: { message: 'no vulnerabilities API' }, continueOnError: true })
          .step(echo, { id: 'after', with: { value: 'ran' } }),
      )
      .build();
    const { record } = await runWorkflow(wf, {});
    expect(stepOf(record, 'a', 'optional').status).toBe('failed');
    expect(stepOf(record, 'a', 'after').status).toBe('succeeded');
    expect(jobOf(record, 'a').status).toBe('succeeded');
  });

  it('fails a step whose required input has no value at run time, naming step, input and reference', async () => {
    // The typed builder refuses this wiring (workflow-builder.test.ts); a plain-data workflow is
    // checked when it runs.
    const wf = defineWorkflow({
      name: 'missing',
      jobs: [
        {
          id: 'a',
          steps: [
            { id: 'first', uses: echo, with: { value: 'x' }, if: () => false },
            { id: 'second', uses: echo, with: { value: reference('steps.first.outputs.value') } },
          ],
        },
      ],
    });
    const { record } = await runWorkflow(wf, {});
    expect(stepOf(record, 'a', 'second')).toMatchObject({
      status: 'failed',
      attempts: 0,
      error: {
        name: 'MissingInputError',
        message: expect.stringContaining(
          'job "a", step "second": required input "value" has no value (steps.first.outputs.value was not set)',
        ),
      },
    });
    expect(jobOf(record, 'a')).toMatchObject({ status: 'failed', reason: 'step "second" failed' });
  });
});

describe('runWorkflow: inputs, record and observer', () => {
  const login = defineStep({
    id: 'login',
    name: 'Log in',
    inputs: { password: requiredInput<string>({ secret: true }) },
    outputs: { token: output<string>({ secret: true }), user: output<string>() },
    run: (ctx, { password }) => {
      ctx.log('info', 'logging in');
      return { token: `token-for-${password}`, user: 'me' };
    },
  });
  const wf = workflow('record', {
    password: requiredInput<string>({ secret: true }),
    note: requiredInput<Date>(),
  })
    .job('auth', {}, (job) =>
      job
        .step(login, { with: (ref) => ({ password: ref.inputs.password }) })
        .outputs((ref) => ({ token: ref.steps.login.outputs.token, user: ref.steps.login.outputs.user })),
    )
    .build();

  it('produces a record that survives a JSON round trip, with secrets redacted', async () => {
    const { record } = await runWorkflow(wf, { password: 'hunter2', note: new Date(0) });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(JSON.stringify(record)).not.toContain('hunter2');
    expect(record).toMatchObject({
      formatVersion: 1,
      workflow: 'record',
      status: 'succeeded',
      inputs: { password: '[redacted]', note: '1970-01-01T00:00:00.000Z' },
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      durationMs: expect.any(Number),
    });
    expect(jobOf(record, 'auth')).toMatchObject({
      status: 'succeeded',
      reason: null,
      error: null,
      outputs: { token: '[redacted]', user: 'me' },
      startedAt: expect.any(String),
    });
    expect(stepOf(record, 'auth', 'login')).toMatchObject({
      name: 'Log in',
      status: 'succeeded',
      attempts: 1,
      error: null,
      logs: [{ level: 'info', attempt: 1, message: 'logging in', at: expect.any(String) }],
      logsDropped: 0,
      post: null,
    });
  });

  it('rejects inputs that do not match the declaration with a WorkflowInputError', async () => {
    await expect(runWorkflow(wf, { note: new Date() } as never)).rejects.toThrow(
      new WorkflowInputError('record', 'password', 'is required; pass a value for it'),
    );
    await expect(runWorkflow(wf, { password: 'x', note: new Date(), extra: 1 } as never)).rejects.toThrow(
      /input "extra" is not declared by the workflow \(it declares: password, note\)/,
    );
  });

  it('tells the observer about job and step changes in order, and survives an observer that throws', async () => {
    const events: RunEvent[] = [];
    const { record } = await runWorkflow(
      wf,
      { password: 'x', note: new Date() },
      {
        observer: (event) => {
          events.push(event);
          throw new Error('broken UI');
        },
      },
    );
    expect(record.status).toBe('succeeded');
    expect(
      events.map((event) =>
        event.type === 'run-finished' ? event.type : `${event.type}:${'status' in event ? event.status : ''}`,
      ),
    ).toEqual([
      'run-started:',
      'job:running',
      'step:running',
      'step:succeeded',
      'job:succeeded',
      'run-finished',
    ]);
  });
});

describe('runWorkflow: the jobs’ outputs', () => {
  const many = defineStep({
    id: 'many',
    name: 'Many tags',
    inputs: { count: requiredInput<number>() },
    outputs: { tags: output<string[]>(), readme: output<string>() },
    run: (_ctx, { count }) => ({
      tags: Array.from({ length: count }, (_, i) => `1.${i}.0`),
      readme: 'x'.repeat(50_000),
    }),
  });
  const wf = workflow('outputs')
    .job('tags', {}, (job) =>
      job
        .step(many, { with: { count: 1_500 } })
        .outputs((ref) => ({ tags: ref.steps.many.outputs.tags, readme: ref.steps.many.outputs.readme })),
    )
    .job('broken', {}, (job) => job.step(fail, { id: 'boom', with: { message: 'down' } }))
    .job('after', { needs: ['broken'] }, (job) => job.step(echo, { id: 'e', with: { value: 'x' } }))
    .build();

  it('gives a succeeded job’s outputs whole and as returned; the record keeps a bounded copy', async () => {
    const { record, jobs } = await runWorkflow(wf, {});
    if (jobs.tags.status !== 'succeeded') throw new Error(`tags ${jobs.tags.status}`);
    const { tags, readme } = jobs.tags.outputs; // typed string[] and string: no cast
    expect(tags).toHaveLength(1_500);
    expect(tags.at(-1)).toBe('1.1499.0');
    expect(readme).toHaveLength(50_000);
    const recorded = jobOf(record, 'tags').outputs;
    expect(recorded.tags).toHaveLength(MAX_RECORD_ITEMS + 1);
    expect((recorded.tags as string[]).at(-1)).toBe(`… ${1_500 - MAX_RECORD_ITEMS} more`);
    expect((recorded.readme as string).length).toBeLessThan(MAX_RECORD_STRING_CHARS + 20);
  });

  it('gives a job that did not succeed its status and reason, and no outputs', async () => {
    const { jobs } = await runWorkflow(wf, {});
    expect(jobs.broken).toEqual({ status: 'failed', reason: 'step "boom" failed' });
    expect(jobs.after).toEqual({ status: 'skipped', reason: 'needs "broken" failed' });
  });

  it('gives a cancelled run’s jobs as cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { jobs } = await runWorkflow(wf, {}, { signal: controller.signal });
    expect(jobs.tags).toEqual({ status: 'cancelled', reason: 'workflow cancelled before the job started' });
  });
});
