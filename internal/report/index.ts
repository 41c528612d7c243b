// The update report's public API (docs/report.md). A host:
//   const options = parseReportOptions(values);          // scan's flags, parsed with REPORT_ARG_OPTIONS
//   const report = buildReport(store, { selection: options.selection,
//     comparison: await resolveComparison(options.diff), generatedAt: Date.now(), toolVersion, platforms });
//   if (options.format !== null) write(options.out, renderReport(report, options.format));
//   if (options.failOn !== null && hasUpdateAtLeast(report, options.failOn)) exit 1;
export {
  buildReport,
  hasUpdateAtLeast,
  type ReportComparison,
  type ReportPlatformInput,
  type ReportRequest,
  type ReportSource,
} from './build-report.js';
export { resolveComparison } from './comparison.js';
export { diffFromHistory, diffReports } from './diff.js';
export { REPORT_CSP } from './html.js';
export { parseReportJson, readReportFile, reportSchemaProblems } from './json.js';
export type * from './model.js';
export { BUMP_KINDS, REPORT_SCHEMA_VERSION } from './model.js';
export {
  REPORT_ARG_OPTIONS,
  REPORT_HELP,
  parseReportOptions,
  type DiffRequest,
  type ReportArgValues,
  type ReportOptions,
} from './options.js';
export { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport, type ReportFormat } from './render-report.js';
export { ReportInputError } from './report-input-error.js';
