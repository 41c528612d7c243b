/** The command line cannot be run as given: the message says which argument and what to do. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
