import { describe, expect, it } from 'vitest';
import type { ReportExport, ReportExportRequest } from '../../../internal/api/contract.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { ReportStore } from './report.svelte.js';

const request = (format: ReportExportRequest['format']): ReportExportRequest => ({
  format,
  groupBy: 'location',
  onlyOutdated: false,
  bumps: null,
  platforms: null,
  changesSince: null,
});

describe('ReportStore (fake bridge)', () => {
  it('keeps the answer to the latest choices, even when an older one arrives last', async () => {
    const answers = new Map<string, (report: ReportExport) => void>();
    const store = new ReportStore(
      fakeBridge({ exportReport: ({ format }) => new Promise((resolve) => answers.set(format, resolve)) }),
    );
    const slow = store.refresh(request('html'));
    const fast = store.refresh(request('csv'));
    answers.get('csv')?.({ content: 'image,reference', mediaType: 'text/csv', fileName: 'r.csv' });
    await fast;
    answers.get('html')?.({ content: '<!doctype html>', mediaType: 'text/html', fileName: 'r.html' });
    await slow;
    expect(store.preview?.fileName).toBe('r.csv');
    expect(store.loading).toBe(false);
  });

  it('says why a report could not be made', async () => {
    const store = new ReportStore(
      fakeBridge({
        exportReport: () => {
          throw { code: 'invalid-params', message: 'exportReport: changesSince must be a time in the past' };
        },
      }),
    );
    await store.refresh(request('md'));
    expect(store.failure).toBe('exportReport: changesSince must be a time in the past');
    expect(store.preview).toBeNull();
  });
});
