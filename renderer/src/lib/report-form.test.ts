import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_FORM, reportRequest } from './report-form.js';

describe('reportRequest', () => {
  it('asks for every image and no comparison by default', () => {
    expect(reportRequest(DEFAULT_REPORT_FORM, 1_000)).toEqual({
      format: 'html',
      groupBy: 'location',
      onlyOutdated: false,
      bumps: null,
      platforms: null,
      changesSince: null,
    });
  });

  it('turns chosen kinds into a filter and days into a time to compare with', () => {
    const now = Date.UTC(2026, 10, 27);
    const request = reportRequest({ ...DEFAULT_REPORT_FORM, bumps: ['major', 'minor'], changesDays: 7 }, now);
    expect(request.bumps).toEqual(['major', 'minor']);
    expect(request.changesSince).toBe(Date.UTC(2026, 10, 20));
  });
});
