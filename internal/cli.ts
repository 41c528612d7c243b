// The command line host of the core: `cupdate scan|serve …` (see `<command> --help`). Built into
// out/core/cli.js (scripts/build-desktop.mjs), which `cupdate` (scripts/cupdate.mjs) runs. Each
// command's code is imported when it runs: `--help` loads nothing else, `scan` no server or
// renderer code, and a platform kind's client library loads only when one of its platforms is
// built (internal/platform/platform.ts). Exit codes: internal/cli/exit-codes.ts.
import { setFlagsFromString } from 'node:v8';
import { EXIT } from './cli/exit-codes.js';
import { terminalLine } from './cli/terminal-text.js';
import { CliUsageError } from './cli/usage-error.js';
import { messageOf } from './model/message-of.js';

// undici parses HTTP with llhttp compiled to WebAssembly. V8 runs it with its baseline compiler
// (Liftoff) and recompiles it with TurboFan in the background: ~30 MB of peak RSS and ~100 ms of a
// one-image `scan` (most of it at exit), for parsing speed neither command needs. Set before any
// command's code loads undici (docs/pipeline.md, "Start-up").
setFlagsFromString('--liftoff-only');

const HELP = `Usage: cupdate <command> [options]

Commands:
  scan    check the images running on your platforms once and print the results as JSON
  serve   run the core behind HTTP + Server-Sent Events and serve the UI (127.0.0.1 by default)

Run "cupdate <command> --help" for its options and exit codes.
`;

/** What a signal that stops a command exits with: 128 + its number, as shells report it. */
const SIGNAL_EXIT = { SIGINT: EXIT.interrupted, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;

const stderr = (text: string) => process.stderr.write(text);
const stdout = (text: string) => process.stdout.write(text);

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new CliUsageError('give a command; run "cupdate --help"');
  if (command === '--help' || command === '-h' || command === 'help') {
    stdout(HELP);
    return EXIT.ok;
  }
  if (command !== 'scan' && command !== 'serve')
    throw new CliUsageError(`unknown command "${command}"; run "cupdate --help"`);
  // The signal's name is the abort reason: serve says what stopped it, scan exits 128 + its number.
  const interrupted = new AbortController();
  for (const name of Object.keys(SIGNAL_EXIT) as StopSignal[]) {
    process.once(name, () => interrupted.abort(name));
  }
  if (command === 'serve') {
    const { runServe } = await import('./serve/main.js');
    await runServe(rest, interrupted.signal);
    return EXIT.ok;
  }
  const { parseScanArgs, SCAN_HELP } = await import('./cli/scan-args.js');
  const parsed = parseScanArgs(rest);
  if (parsed.kind === 'help') {
    stdout(SCAN_HELP);
    return EXIT.ok;
  }
  const { runScan } = await import('./cli/scan.js');
  const code = await runScan(parsed.args, { stdout, stderr }, interrupted.signal);
  const reason = interrupted.signal.reason as StopSignal | undefined;
  return reason === undefined ? code : SIGNAL_EXIT[reason];
}

// The exit code is set rather than forced with process.exit(): the process ends when the app has
// released every handle, which is how a leaked socket or timer would show.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof CliUsageError;
    stderr(`cupdate: ${terminalLine(messageOf(error))}\n`);
    process.exitCode = usage ? EXIT.usage : EXIT.failed;
  },
);
