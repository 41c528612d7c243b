// Compile-time guarantees of the typed builder: each `@ts-expect-error` below is checked by
// `tsc --noEmit` (an unused one is itself an error), so wiring mistakes stay compile errors.

import { describe, expect, it } from 'vitest';

import { defineStep, optionalInput, output, requiredInput } from './define-step.js';
import { runWorkflow } from './run-workflow.js';
import { jobOf } from './testing/fixtures.js';
import { workflow } from './workflow-builder.js';

const manifest = defineStep({
  id: 'manifest',
  name: 'Get manifest',
  inputs: { reference: requiredInput<string>() },
  outputs: { digest: output<string>(), size: output<number>() },
  run: (_ctx, { reference }) => ({ digest: `sha256:${reference.length}`, size: reference.length }),
});

const tags = defineStep({
  name: 'List tags',
  inputs: { repository: requiredInput<string>(), limit: optionalInput<number>() },
  outputs: { tags: output<string[]>() },
  run: (_ctx, { repository, limit = 2 }) => ({
    tags: Array.from({ length: limit }, (_, i) => `${repository}:${i}`),
  }),
});

describe('workflow builder', () => {
  it('builds a workflow whose typed wiring runs', async () => {
    const wf = workflow('typed', { reference: requiredInput<string>() })
      .job('oci', {}, (job) =>
        job
          .step(manifest, { with: (ref) => ({ reference: ref.inputs.reference }) })
          .step(tags, {
            id: 'tags',
            with: (ref) => ({ repository: ref.steps.manifest.outputs.digest, limit: 1 }),
          })
          .outputs((ref) => ({ size: ref.steps.manifest.outputs.size, tags: ref.steps.tags.outputs.tags })),
      )
      .job('version', { needs: ['oci'], if: ({ needs }) => (needs.oci.outputs.size ?? 0) > 3 }, (job) =>
        job
          .step(tags, { id: 'more', with: (ref) => ({ repository: 'x', limit: ref.needs.oci.outputs.size }) })
          .outputs((ref) => ({ count: ref.steps.more.outputs.tags })),
      )
      .build();
    const { record, jobs } = await runWorkflow(wf, { reference: 'nginx' });
    expect(jobOf(record, 'oci').outputs).toEqual({ size: 5, tags: ['sha256:5:0'] });
    expect(jobOf(record, 'version').outputs).toEqual({ count: ['x:0', 'x:1', 'x:2', 'x:3', 'x:4'] });
    // The result knows each job's outputs and their types.
    if (jobs.oci.status !== 'succeeded') throw new Error('oci did not succeed');
    const size: number = jobs.oci.outputs.size;
    expect(size).toBe(5);
    // @ts-expect-error a job output that is not declared
    expect(jobs.oci.outputs.digest).toBeUndefined();
    // @ts-expect-error a job that is not in the workflow
    expect(jobs.nope).toBeUndefined();
    // @ts-expect-error outputs are only there once the status says the job succeeded
    expect(jobs.version.outputs).toBeDefined();
  });

  it('turns wiring mistakes into compile errors (and the ones that slip through into definition errors)', () => {
    const base = workflow('mistakes', { reference: requiredInput<string>() }).job('oci', {}, (job) =>
      job
        .step(manifest, { with: (ref) => ({ reference: ref.inputs.reference }) })
        .outputs((ref) => ({ size: ref.steps.manifest.outputs.size })),
    );
    base.job('a', { needs: ['oci'] }, (job) =>
      // @ts-expect-error a number output wired into a string input
      job.step(tags, { id: 't', with: (ref) => ({ repository: ref.needs.oci.outputs.size }) }),
    );
    expect(() =>
      base.job('b', {}, (job) =>
        // @ts-expect-error a step that does not exist (yet)
        job.step(tags, { id: 't', with: (ref) => ({ repository: ref.steps.later.outputs.tags }) }),
      ),
    ).toThrow(
      'workflow "mistakes", job "b": ref.steps (the steps before this one) has no "later" (it has: none)',
    );
    // @ts-expect-error a need that is not a job of this workflow
    base.job('c', { needs: ['nope'] }, (job) => job);
    // @ts-expect-error a required input left unbound
    base.job('d', {}, (job) => job.step(tags, { id: 't', with: { limit: 1 } }));
    // @ts-expect-error a step defined without an id must be given one
    base.job('e', {}, (job) => job.step(tags, { with: { repository: 'x' } }));
    expect(() =>
      base.job('f', {}, (job) =>
        // @ts-expect-error a workflow input that is not declared
        job.step(tags, { id: 't', with: (ref) => ({ repository: ref.inputs.image }) }),
      ),
    ).toThrow(
      'workflow "mistakes", job "f": ref.inputs (the workflow inputs) has no "image" (it has: reference)',
    );
    // A step with an `if` (or continueOnError) may leave its outputs unset: only optional inputs take them.
    const maybe = base.job('h', {}, (job) =>
      job
        .step(manifest, { id: 'maybe', with: { reference: 'x' }, if: () => true })
        .step(tags, { id: 'fine', with: (ref) => ({ repository: 'x', limit: ref.steps.maybe.outputs.size }) })
        // @ts-expect-error a `number | undefined` output wired into a required input
        .step(tags, { id: 'wrong', with: (ref) => ({ repository: ref.steps.maybe.outputs.digest }) }),
    );
    expect(maybe).toBeDefined();
    // Untyped escapes are still caught when the workflow is built.
    expect(() => base.job('g', {}, (job) => job.step(tags, { id: 't', with: {} as never })).build()).toThrow(
      'workflow "mistakes", job "g", step "t": required input "repository" is not bound; set it in "with"',
    );
  });
});
