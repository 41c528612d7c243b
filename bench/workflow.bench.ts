// Workflow engine overhead: thousands of runs of 3 jobs × 3 trivial steps, one after another and all at once.
import { defineStep, output, requiredInput, runWorkflow, workflow } from '../internal/workflow/index.js';

const echo = defineStep({
  id: 'echo',
  name: 'Echo',
  inputs: { value: requiredInput<string>() },
  outputs: { value: output<string>() },
  run: (_ctx, { value }) => ({ value }),
});
const wf = workflow('bench', { reference: requiredInput<string>() })
  .job('oci', {}, (job) =>
    job
      .step(echo, { id: 'a', with: (ref) => ({ value: ref.inputs.reference }) })
      .step(echo, { id: 'b', with: (ref) => ({ value: ref.steps.a.outputs.value }) })
      .step(echo, { id: 'c', with: (ref) => ({ value: ref.steps.b.outputs.value }) })
      .outputs((ref) => ({ value: ref.steps.c.outputs.value })),
  )
  .job('version', { needs: ['oci'] }, (job) =>
    job
      .step(echo, { with: (ref) => ({ value: ref.needs.oci.outputs.value }) })
      .step(echo, { id: 'd', with: { value: 'x' } })
      .step(echo, { id: 'e', with: { value: 'y' } }),
  )
  .job('enrich', { needs: ['oci'] }, (job) =>
    job
      .step(echo, { with: { value: 'z' } })
      .step(echo, { id: 'd', with: { value: 'x' } })
      .step(echo, { id: 'e', with: { value: 'y' } }),
  )
  .build();

for (let i = 0; i < 200; i += 1) await runWorkflow(wf, { reference: 'warm' });
const runs = 5_000;
let start = performance.now();
for (let i = 0; i < runs; i += 1) await runWorkflow(wf, { reference: `nginx:${i}` });
let ms = performance.now() - start;
console.log(
  `sequential: ${runs} runs of 3 jobs x 3 steps in ${ms.toFixed(0)} ms = ${((ms / runs) * 1000).toFixed(0)} µs/run, ${((ms / runs / 9) * 1000).toFixed(1)} µs/step`,
);
start = performance.now();
await Promise.all(Array.from({ length: runs }, (_, i) => runWorkflow(wf, { reference: `nginx:${i}` })));
ms = performance.now() - start;
console.log(
  `concurrent: ${runs} runs at once in ${ms.toFixed(0)} ms = ${((ms / runs) * 1000).toFixed(0)} µs/run`,
);
console.log(
  `record size: ${JSON.stringify((await runWorkflow(wf, { reference: 'nginx:1' })).record).length} bytes`,
);
