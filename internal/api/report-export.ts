// The update report the Export page previews and saves: the same model and renderers as
// `scan --report` (internal/report), over what the running App knows.
import type { App } from '../app.js';
import { appReport } from '../app/app-report.js';
import { renderReport, REPORT_MEDIA_TYPES } from '../report/index.js';
import type { ReportExport, ReportExportRequest } from './contract.js';

export function exportReport(app: App, request: ReportExportRequest, now: number = Date.now()): ReportExport {
  const { groupBy, onlyOutdated, bumps, platforms, changesSince } = request;
  const report = appReport(
    app,
    { groupBy, onlyOutdated, bumps, platforms },
    changesSince === null ? { kind: 'none' } : { kind: 'history', since: changesSince },
    now,
  );
  const day = new Date(now).toISOString().slice(0, 10);
  return {
    content: renderReport(report, request.format),
    mediaType: REPORT_MEDIA_TYPES[request.format],
    fileName: `cupdate-report-${day}.${request.format}`,
  };
}
