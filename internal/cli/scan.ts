// `cupdate scan`: one pass over the given platforms, results as JSON on stdout (or the update
// report asked for), progress on stderr, and an exit code that says whether everything was
// checked (exit-codes.ts). Untrusted text reaches the terminal escaped (terminal-text.ts).
import { createApp } from '../app.js';
import { listAllImages } from '../store/list-all-images.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { ScanArgs } from './scan-args.js';
import { scanOutcome } from './scan-outcome.js';
import { scanPlatforms } from './scan-platforms.js';
import { scanReport } from './scan-report.js';
import { writeUpdateReport } from './scan-update-report.js';
import { terminalJson, terminalLine } from './terminal-text.js';

export interface ScanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Resolves, once the results (or the update report) are written, to the exit code; an aborted
 * `signal` (Ctrl-C) stops the scan without writing anything.
 */
export async function runScan(args: ScanArgs, io: ScanIo, signal: AbortSignal): Promise<ExitCode> {
  const say = (text: string) => io.stderr(`${terminalLine(text)}\n`);
  const platforms = await scanPlatforms(args, (message) => say(`warning: ${message}`));
  const app = createApp({
    dataDir: args.dataDir,
    platforms,
    registry: {
      insecureRegistries: args.insecureRegistries,
      ...(args.dockerConfigDir === undefined ? {} : { dockerConfigDir: args.dockerConfigDir }),
    },
    // One pass checks everything, however recently a kept database checked it.
    minimumAgeMs: 0,
    ...(args.sources !== undefined && { sources: args.sources }),
  });
  let checked = 0;
  app.on('platform-status', ({ platform, status }) =>
    say(`${platform}: ${status.state}${'reason' in status ? ` (${status.reason})` : ''}`),
  );
  app.on('progress', (event) => {
    if (event.type === 'done') say(`[${++checked}] ${event.reference}`);
    if (event.type === 'failed') say(`[${++checked}] ${event.reference}: failed: ${event.error}`);
  });
  const stop = () => void app.stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await app.start();
    await app.settled();
    if (signal.aborted) return EXIT.interrupted;
    const { report } = args;
    if (report.format === null) io.stdout(`${terminalJson(scanReport(app))}\n`);
    const updateFound = await writeUpdateReport(app, report, io.stdout);
    const outcome = scanOutcome({
      images: listAllImages(app),
      platforms: app.platforms(),
      scope: report.selection.platforms,
      failOn: report.failOn,
      updateFound,
    });
    for (const note of outcome.notes) say(`cupdate: ${note}`);
    return outcome.code;
  } finally {
    signal.removeEventListener('abort', stop);
    await app.stop();
  }
}
