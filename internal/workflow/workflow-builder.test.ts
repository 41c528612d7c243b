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
    const record = await runWorkflow(wf, { reference: 'nginx' });
    expect(jobOf(record, 'oci').outputs).toEqual({ size: 5, tags: ['sha256:5:0'] });
    expect(jobOf(record, 'version').outputs).toEqual({ count: ['x:0', 'x:1', 'x:2', 'x:3', 'x:4'] });
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
    // Untyped escapes are still caught when the workflow is built.
    expect(() => base.job('g', {}, (job) => job.step(tags, { id: 't', with: {} as never })).build()).toThrow(
      'workflow "mistakes", job "g", step "t": required input "repository" is not bound; set it in "with"',
    );
  });
});
