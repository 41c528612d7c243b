// The command line host of the core: `tsx internal/cli.ts scan|serve …` (see `<command> --help`).
// Usage errors exit 2 with what to do; any other failure exits 1 with its message.
import { parseScanArgs, SCAN_HELP } from './cli/scan-args.js';
import { runScan } from './cli/scan.js';
import { CliUsageError } from './cli/usage-error.js';
import { runServe } from './serve/main.js';
import { messageOf } from './model/message-of.js';

const HELP = `Usage: cupdate <command> [options]

Commands:
  scan    check the images running on your platforms once and print the results as JSON
  serve   run the core behind HTTP + Server-Sent Events and serve the UI (127.0.0.1 by default)

Run "cupdate <command> --help" for its options.
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new CliUsageError('give a command; run "cupdate --help"');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command !== 'scan' && command !== 'serve')
    throw new CliUsageError(`unknown command "${command}"; run "cupdate --help"`);
  const interrupted = new AbortController();
  process.once('SIGINT', () => interrupted.abort());
  process.once('SIGTERM', () => interrupted.abort());
  if (command === 'serve') {
    await runServe(rest, interrupted.signal);
    return 0;
  }
  const parsed = parseScanArgs(rest);
  if (parsed.kind === 'help') {
    process.stdout.write(SCAN_HELP);
    return 0;
  }
  const { failed } = await runScan(
    parsed.args,
    { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    interrupted.signal,
  );
  if (interrupted.signal.aborted) return 130;
  return failed ? 1 : 0;
}

// The exit code is set rather than forced with process.exit(): the process ends when the app has
// released every handle, which is how a leaked socket or timer would show.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof CliUsageError;
    process.stderr.write(`cupdate: ${messageOf(error)}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
