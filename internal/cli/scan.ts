// `cupdate scan`: one pass over the given platforms, results as JSON on stdout, progress on stderr.
import { createApp } from '../app.js';
import type { ScanArgs } from './scan-args.js';
import { scanPlatforms } from './scan-platforms.js';
import { scanReport } from './scan-report.js';
import { writeUpdateReport } from './scan-update-report.js';

export interface ScanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Resolves when the results (or the update report) are written, to whether `--fail-on` found its
 * update; an aborted `signal` (Ctrl-C) stops the scan without writing anything.
 */
export async function runScan(args: ScanArgs, io: ScanIo, signal: AbortSignal): Promise<{ failed: boolean }> {
  const platforms = await scanPlatforms(args, (message) => io.stderr(`warning: ${message}\n`));
  if (platforms.length === 0) io.stderr('warning: no platform to scan (see --help)\n');
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
    io.stderr(`${platform}: ${status.state}${'reason' in status ? ` (${status.reason})` : ''}\n`),
  );
  app.on('progress', (event) => {
    if (event.type === 'done') io.stderr(`[${++checked}] ${event.reference}\n`);
    if (event.type === 'failed') io.stderr(`[${++checked}] ${event.reference}: failed: ${event.error}\n`);
  });
  const stop = () => void app.stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await app.start();
    await app.settled();
    if (signal.aborted) return { failed: false };
    const { report } = args;
    if (report.format === null) io.stdout(`${JSON.stringify(scanReport(app), null, 2)}\n`);
    return { failed: await writeUpdateReport(app, report, io.stdout) };
  } finally {
    signal.removeEventListener('abort', stop);
    await app.stop();
  }
}
