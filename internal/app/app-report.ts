// The update report of what a running App knows: the one place that fills in when, by which
// version and over which platforms, for both `scan --report` and the UI's Export page.
import type { App } from '../app.js';
import { buildReport, type Report, type ReportComparison, type ReportSelection } from '../report/index.js';
import { TOOL_VERSION } from './tool-version.js';

export function appReport(
  app: App,
  selection: ReportSelection,
  comparison: ReportComparison,
  now: number = Date.now(),
): Report {
  return buildReport(app, {
    selection,
    comparison,
    generatedAt: now,
    toolVersion: TOOL_VERSION,
    platforms: app.platforms(),
  });
}
