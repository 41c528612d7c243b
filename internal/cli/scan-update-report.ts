// `scan --report FORMAT [--out FILE]` and `--fail-on KIND`: the update report (internal/report)
// built from what the pass found, written where asked; says whether --fail-on was met. Whatever the
// format, no character in it can control the terminal it is printed on (terminal-text.ts).
import { writeFile } from 'node:fs/promises';
import type { App } from '../app.js';
import { appReport } from '../app/app-report.js';
import { hasUpdateAtLeast, renderReport, resolveComparison } from '../report/index.js';
import type { ReportOptions } from '../report/index.js';
import { terminalDocument } from './terminal-text.js';

/** Writes the report when one was asked for; resolves to true when `--fail-on` found its update. */
export async function writeUpdateReport(
  app: App,
  options: ReportOptions,
  stdout: (text: string) => void,
): Promise<boolean> {
  const report = appReport(app, options.selection, await resolveComparison(options.diff));
  if (options.format !== null) {
    const text = terminalDocument(renderReport(report, options.format));
    if (options.out === null) stdout(text);
    else await writeFile(options.out, text);
  }
  return options.failOn !== null && hasUpdateAtLeast(report, options.failOn);
}
