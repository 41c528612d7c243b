// The Export page's choices, and the request they make (internal/api/contract.ts ReportExportRequest).
import type { ReportExportRequest } from '../../../internal/api/contract.js';

export type BumpChoice = 'major' | 'minor' | 'patch' | 'digest';

export interface ReportForm {
  format: ReportExportRequest['format'];
  groupBy: ReportExportRequest['groupBy'];
  onlyOutdated: boolean;
  /** Empty: every update kind. */
  bumps: BumpChoice[];
  /** Days back to compare with (0: no comparison). */
  changesDays: number;
}

export const DEFAULT_REPORT_FORM: ReportForm = {
  format: 'html',
  groupBy: 'location',
  onlyOutdated: false,
  bumps: [],
  changesDays: 0,
};

const DAY_MS = 86_400_000;

export function reportRequest(form: ReportForm, now: number = Date.now()): ReportExportRequest {
  return {
    format: form.format,
    groupBy: form.groupBy,
    onlyOutdated: form.onlyOutdated,
    bumps: form.bumps.length === 0 ? null : [...form.bumps],
    platforms: null,
    changesSince: form.changesDays > 0 ? now - form.changesDays * DAY_MS : null,
  };
}
