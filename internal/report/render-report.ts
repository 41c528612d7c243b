// One entry point for the hosts: a report in the format asked for. PDF is not a format here: the
// hosts print the HTML (Electron `webContents.printToPDF`, the browser for `serve`).
import { render as renderCsv } from './csv.js';
import { render as renderHtml } from './html.js';
import { render as renderJson } from './json.js';
import { render as renderMarkdown } from './markdown.js';
import type { Report } from './model.js';

export type ReportFormat = 'md' | 'html' | 'csv' | 'json';

const RENDERERS: Readonly<Record<ReportFormat, (report: Report) => string>> = {
  md: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
  json: renderJson,
};

export const REPORT_FORMATS = Object.keys(RENDERERS) as readonly ReportFormat[];

/** The media type to serve or save each format with. */
export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[format](report);
}
