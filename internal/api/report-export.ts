// The update report the Export page previews and saves: the same model and renderers as
// `scan --report` (internal/report), over what the running App knows.
import type { App } from '../app.js';
import { TOOL_VERSION } from '../app/tool-version.js';
import { buildReport, renderReport, REPORT_MEDIA_TYPES } from '../report/index.js';
import type { ReportExport, ReportExportRequest } from './contract.js';

export function exportReport(app: App, request: ReportExportRequest, now: number = Date.now()): ReportExport {
  const report = buildReport(app, {
    selection: {
      groupBy: request.groupBy,
      onlyOutdated: request.onlyOutdated,
      bumps: request.bumps,
      platforms: request.platforms,
    },
    comparison:
      request.changesSince === null ? { kind: 'none' } : { kind: 'history', since: request.changesSince },
    generatedAt: now,
    toolVersion: TOOL_VERSION,
    platforms: app.platforms(),
  });
  const day = new Date(now).toISOString().slice(0, 10);
  return {
    content: renderReport(report, request.format),
    mediaType: REPORT_MEDIA_TYPES[request.format],
    fileName: `cupdate-report-${day}.${request.format}`,
  };
}
