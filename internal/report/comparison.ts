// Turns the diff the command line asked for into what buildReport compares with: reads and checks
// the earlier report file, or passes the history's start on.
import type { ReportComparison } from './build-report.js';
import { readReportFile } from './json.js';
import type { DiffRequest } from './options.js';

export async function resolveComparison(request: DiffRequest): Promise<ReportComparison> {
  switch (request.kind) {
    case 'none':
      return { kind: 'none' };
    case 'report':
      return { kind: 'report', earlier: await readReportFile(request.path) };
    case 'history':
      return { kind: 'history', since: request.since };
  }
}
