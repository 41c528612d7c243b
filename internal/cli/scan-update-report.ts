// `scan --report FORMAT [--out FILE]` and `--fail-on KIND`: the update report (internal/report)
// built from what the pass found, written where asked; says whether --fail-on was met.
import { writeFile } from 'node:fs/promises';
import type { App } from '../app.js';
import { buildReport, hasUpdateAtLeast, renderReport, resolveComparison } from '../report/index.js';
import type { ReportOptions } from '../report/index.js';
import { TOOL_VERSION } from '../app/tool-version.js';

/** Writes the report when one was asked for; resolves to true when `--fail-on` found its update. */
export async function writeUpdateReport(
  app: App,
  options: ReportOptions,
  stdout: (text: string) => void,
): Promise<boolean> {
  const report = buildReport(app, {
    selection: options.selection,
    comparison: await resolveComparison(options.diff),
    generatedAt: Date.now(),
    toolVersion: TOOL_VERSION,
    platforms: app.platforms(),
  });
  if (options.format !== null) {
    const text = renderReport(report, options.format);
    if (options.out === null) stdout(text);
    else await writeFile(options.out, text);
  }
  return options.failOn !== null && hasUpdateAtLeast(report, options.failOn);
}
