import { describe, expect, it } from 'vitest';

import { defineStep, optionalInput, output, requiredInput } from './define-step.js';
import { defineWorkflow } from './define-workflow.js';
import { WorkflowDefinitionError } from './errors.js';
import { reference, ReferenceSyntaxError } from './reference.js';
import type { JobSpec } from './spec.js';
import { echo } from './testing/fixtures.js';

const job = (id: string, needs: string[] = [], steps: JobSpec['steps'] = []): JobSpec => ({
  id,
  needs,
  steps,
});

function definitionError(define: () => unknown): WorkflowDefinitionError {
  try {
    define();
  } catch (error) {
    if (error instanceof WorkflowDefinitionError) return error;
    throw error;
  }
  throw new Error('expected a WorkflowDefinitionError, but the workflow was accepted');
}

describe('defineWorkflow: the job graph', () => {
  it('orders jobs needs-first, keeping declaration order among ready jobs', () => {
    const wf = defineWorkflow({ name: 'w', jobs: [job('c', ['b']), job('a'), job('b', ['a']), job('d')] });
    expect(wf.jobs.map((j) => j.id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('rejects a cycle, naming a job on it and the cycle', () => {
    const error = definitionError(() =>
      defineWorkflow({
        name: 'w',
        jobs: [job('a', ['c']), job('b', ['a']), job('c', ['b']), job('d', ['a'])],
      }),
    );
    expect(error.subject.job).toBe('a');
    expect(error.message).toBe(
      'workflow "w", job "a": its needs form a cycle (a → c → b → a); remove one of these needs',
    );
  });

  it('rejects a job that needs itself', () => {
    expect(definitionError(() => defineWorkflow({ name: 'w', jobs: [job('a', ['a'])] })).message).toContain(
      'cycle (a → a)',
    );
  });

  it('rejects an unknown need, naming the job and the known jobs', () => {
    expect(
      definitionError(() => defineWorkflow({ name: 'w', jobs: [job('a'), job('b', ['x'])] })).message,
    ).toBe('workflow "w", job "b": needs unknown job "x"; known jobs: a, b');
  });

  it('rejects duplicate and malformed job ids', () => {
    expect(
      definitionError(() => defineWorkflow({ name: 'w', jobs: [job('a'), job('a')] })).message,
    ).toContain('another job has the same id');
    expect(definitionError(() => defineWorkflow({ name: 'w', jobs: [job('has space')] })).message).toContain(
      'job id "has space" must match',
    );
  });
});

describe('defineWorkflow: steps and references', () => {
  const wire = (value: unknown, extra: Partial<JobSpec> = {}) =>
    defineWorkflow({
      name: 'w',
      inputs: { image: requiredInput<string>() },
      jobs: [
        {
          id: 'first',
          steps: [{ id: 'one', uses: echo, with: { value: 'x' } }],
          outputs: { out: reference('steps.one.outputs.value') },
        },
        { id: 'second', needs: ['first'], steps: [{ id: 'two', uses: echo, with: { value } }], ...extra },
      ],
    });

  it('accepts references to inputs, earlier steps and needed jobs', () => {
    expect(() => wire(reference('workflow.inputs.image'))).not.toThrow();
    expect(() => wire(reference('needs.first.outputs.out'))).not.toThrow();
  });

  it.each([
    [
      'workflow.inputs.nope',
      'input "value" refers to workflow.inputs.nope, but the workflow declares no input "nope"',
    ],
    ['steps.two.outputs.value', 'no earlier step of this job has id "two"'],
    ['steps.one.outputs.value', 'no earlier step of this job has id "one"'],
    ['needs.first.outputs.nope', 'job "first" declares no output "nope" (it has: out)'],
    ['needs.other.outputs.out', '"other" is not in this job\'s needs; add it to "needs"'],
  ])('rejects a reference to what is not visible: %s', (text, message) => {
    const error = definitionError(() => wire(reference(text)));
    expect(error.subject).toEqual({ workflow: 'w', job: 'second', step: 'two' });
    expect(error.message).toContain(message);
  });

  it('rejects a job output that names an undeclared step output', () => {
    const error = definitionError(() => wire('x', { outputs: { bad: reference('steps.two.outputs.size') } }));
    expect(error.message).toBe(
      'workflow "w", job "second": output "bad" refers to steps.two.outputs.size, but step "two" declares no output "size" (it has: value)',
    );
  });

  it('rejects an unbound required input and an undeclared input', () => {
    expect(definitionError(() => wire(undefined)).message).toContain('required input "value" is not bound');
    const undeclared = definitionError(() =>
      defineWorkflow({
        name: 'w',
        jobs: [{ id: 'a', steps: [{ id: 's', uses: echo, with: { value: 'x', colour: 1 } }] }],
      }),
    );
    expect(undeclared.message).toContain(
      'input "colour" is not declared by the step (it has: value, waitMs)',
    );
  });

  it('rejects a step without an id, duplicate step ids, and bad retry or timeout', () => {
    const anonymous = defineStep({ name: 'Anonymous', run: () => ({}) });
    const define = (steps: JobSpec['steps']) => () =>
      defineWorkflow({ name: 'w', jobs: [{ id: 'a', steps }] });
    expect(definitionError(define([{ uses: anonymous }])).message).toContain(
      'step "#1 (Anonymous)": step (give it an id in the job or in defineStep) id undefined must match',
    );
    expect(
      definitionError(
        define([
          { id: 's', uses: anonymous },
          { id: 's', uses: anonymous },
        ]),
      ).message,
    ).toContain('another step of this job has the same id');
    expect(
      definitionError(define([{ id: 's', uses: anonymous, retry: { attempts: 0.5, backoffMs: 1 } }])).message,
    ).toContain('retry.attempts must be a whole number >= 1, got 0.5');
    expect(definitionError(define([{ id: 's', uses: anonymous, timeoutMs: -1 }])).message).toContain(
      'timeoutMs must be a number >= 1, got -1',
    );
    expect(definitionError(define([{ id: 's', uses: {} as never }])).message).toContain(
      '"uses" must be a step made with defineStep',
    );
  });
});

describe('defineStep and reference', () => {
  it('rejects a step without a name or run function', () => {
    expect(() => defineStep({ id: 'x', name: ' ', run: () => ({}) })).toThrow(
      'step "x": a step needs a non-empty "name"',
    );
    expect(() => defineStep({ name: 'x', run: 'no' as never })).toThrow(/"run" must be a function/);
  });

  it('defaults inputs and outputs to none', () => {
    const step = defineStep({ name: 'x', run: () => ({}) });
    expect(step.inputs).toEqual({});
    expect(step.outputs).toEqual({});
  });

  it('parses the written form and rejects anything else with the accepted forms', () => {
    expect(String(reference('needs.oci.outputs.digest'))).toBe('needs.oci.outputs.digest');
    expect(reference('steps.a-1.outputs.b_2').path).toEqual({ scope: 'steps', step: 'a-1', output: 'b_2' });
    expect(() => reference('steps.a.digest')).toThrow(ReferenceSyntaxError);
    expect(() => reference('inputs.a')).toThrow(/write workflow\.inputs\.<name>/);
  });

  it('keeps optional and output specs typed and plain', () => {
    expect(optionalInput<number>()).toEqual({ required: false, secret: false });
    expect(output<string>({ secret: true })).toEqual({ secret: true });
  });
});
