// Typed errors of the versioning module. Tags and label values are untrusted text: they are quoted
// with JSON.stringify so control characters cannot forge log lines.

/** A function that orders versions was given a tag that is not a version (check `isValid` first). */
export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
  constructor(readonly tag: string) {
    super(`${JSON.stringify(tag)} is not a version tag; filter tags with isValid() before comparing them`);
  }
}

/** A `Rules` object holds a value that cannot be applied (e.g. `stayBelow: 'abc'`). */
export class InvalidRuleError extends Error {
  override readonly name = 'InvalidRuleError';
  constructor(
    readonly rule: string,
    readonly value: string,
    hint: string,
  ) {
    super(`rule ${rule}=${JSON.stringify(value)} is invalid: ${hint}`);
  }
}

/** A Cupdate label or annotation whose value cannot be understood; the other labels still apply. */
export class RuleLabelError extends Error {
  override readonly name = 'RuleLabelError';
  constructor(
    readonly label: string,
    readonly value: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(`label ${label}=${JSON.stringify(value)} is invalid: ${hint}`, options);
  }
}
