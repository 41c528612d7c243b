import { describe, it } from 'vitest';
import { buildReport } from '../../internal/report/build-report.js';
import { renderReport, REPORT_FORMATS } from '../../internal/report/render-report.js';
import { earlierComparison } from './earlier-fixture.js';
import { fixedRequest, fixedSource } from './fixture.js';
import { expectGolden } from './golden.js';

describe('report formats on the fixed model (golden files, UPDATE_GOLDEN=1 rewrites them)', () => {
  const report = buildReport(fixedSource(), { ...fixedRequest(), comparison: earlierComparison() });

  for (const format of REPORT_FORMATS) {
    it(`renders ${format} as test/report/golden/report.${format}`, async () => {
      await expectGolden(`report.${format}`, renderReport(report, format));
    });
  }

  it('renders grouped by image, only outdated, as test/report/golden/report-by-image.md', async () => {
    const byImage = buildReport(fixedSource(), fixedRequest({ groupBy: 'image', onlyOutdated: true }));
    await expectGolden('report-by-image.md', renderReport(byImage, 'md'));
  });
});
