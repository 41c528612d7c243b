// A reference to a value known only at run time, written like GitHub Actions expressions:
// `workflow.inputs.<name>`, `steps.<id>.outputs.<name>` (an earlier step of the same job) and
// `needs.<job>.outputs.<name>` (a job this job needs). The typed builder hands these out as
// properties (`ref.steps.manifest.outputs.digest`); `reference(text)` parses the written form.

export type ReferencePath =
  | { readonly scope: 'inputs'; readonly name: string }
  | { readonly scope: 'steps'; readonly step: string; readonly output: string }
  | { readonly scope: 'needs'; readonly job: string; readonly output: string };

export class Reference<T = unknown> {
  /**
   * Type-only: the value type, so a Reference<string> cannot be wired into a number input. Boxed so
   * that a Reference<string | undefined> (the output of a step that may not run) is not a
   * Reference<string> either: a bare optional `type?: T` would accept it.
   */
  declare readonly type?: { readonly value: T };

  constructor(readonly path: ReferencePath) {}

  toString(): string {
    const path = this.path;
    switch (path.scope) {
      case 'inputs':
        return `workflow.inputs.${path.name}`;
      case 'steps':
        return `steps.${path.step}.outputs.${path.output}`;
      case 'needs':
        return `needs.${path.job}.outputs.${path.output}`;
    }
  }

  toJSON(): string {
    return this.toString();
  }
}

export class ReferenceSyntaxError extends Error {
  override readonly name = 'ReferenceSyntaxError';
  constructor(readonly text: string) {
    super(
      `"${text}" is not a reference; write workflow.inputs.<name>, steps.<id>.outputs.<name> or needs.<job>.outputs.<name>`,
    );
  }
}

const WRITTEN_FORM =
  /^(?:workflow\.inputs\.(?<input>[\w-]+)|(?<scope>steps|needs)\.(?<owner>[\w-]+)\.outputs\.(?<output>[\w-]+))$/;

/** Parses the written form, for workflows defined as plain data rather than with the typed builder. */
export function reference<T = unknown>(text: string): Reference<T> {
  const groups = WRITTEN_FORM.exec(text)?.groups;
  if (groups === undefined) throw new ReferenceSyntaxError(text);
  const { input, scope, owner, output } = groups;
  if (input !== undefined) return new Reference({ scope: 'inputs', name: input });
  if (owner === undefined || output === undefined) throw new ReferenceSyntaxError(text);
  return scope === 'steps'
    ? new Reference({ scope: 'steps', step: owner, output })
    : new Reference({ scope: 'needs', job: owner, output });
}
