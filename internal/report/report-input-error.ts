/**
 * A report cannot be made as asked: a command-line flag (`--bump`) or an earlier report file is
 * wrong. `input` names it; the message says what to do; `cause` keeps the underlying failure.
 */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  constructor(
    readonly input: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
