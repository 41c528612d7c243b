// The snapshot diff: against an earlier report, and against the store's history since a time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../internal/report/build-report.js';
import { resolveComparison } from '../../internal/report/comparison.js';
import { diffFromHistory, diffReports } from '../../internal/report/diff.js';
import { render as renderJson } from '../../internal/report/json.js';
import type { HistoryEntry } from '../../internal/model/history.js';
import { EARLIER_AT, earlierComparison } from './earlier-fixture.js';
import { fixedRequest, fixedSource } from './fixture.js';

const current = buildReport(fixedSource(), fixedRequest());
const familiar = (images: readonly { familiar: string }[]): string[] => images.map((image) => image.familiar);

describe('diffReports', () => {
  it('finds added, removed, updated, newly outdated and no longer outdated images', () => {
    const comparison = earlierComparison();
    if (comparison.kind !== 'report') throw new Error('the fixture compares with a report');
    const diff = diffReports(comparison.earlier, current.images);
    expect(diff.basis).toBe('report');
    expect(diff.since).toBe(new Date(EARLIER_AT).toISOString());
    expect(familiar(diff.added)).toEqual(['postgres:16.1']);
    expect(familiar(diff.removed)).toEqual(['memcached:1.6.21']);
    expect(diff.updated).toEqual([
      {
        repository: 'nginx',
        from: [{ reference: 'docker.io/library/nginx:1.23.4', familiar: 'nginx:1.23.4' }],
        to: [{ reference: 'docker.io/library/nginx:1.24.0', familiar: 'nginx:1.24.0' }],
      },
    ]);
    expect(diff.newlyOutdated).toEqual([
      {
        reference: current.images[4]?.reference,
        familiar: 'ghcr.io/acme/api:2.3.1',
        kind: 'major',
        latest: 'ghcr.io/acme/api:3.0.0',
      },
    ]);
    expect(familiar(diff.noLongerOutdated ?? [])).toEqual(['redis:7.2.4']);
  });

  it('finds nothing between a report and itself', () => {
    expect(diffReports(current, current.images)).toEqual({
      basis: 'report',
      since: current.generatedAt,
      added: [],
      removed: [],
      updated: [],
      newlyOutdated: [],
      noLongerOutdated: [],
    });
  });
});

describe('diffFromHistory', () => {
  const day = 86_400_000;
  const since = Date.UTC(2026, 10, 20);
  const entry = (reference: string, kind: HistoryEntry['kind'], at: number): HistoryEntry => ({
    reference,
    kind,
    at,
    details: null,
  });
  const history: HistoryEntry[] = [
    entry('docker.io/library/postgres:16.1', 'appeared', since + day),
    entry('docker.io/library/nginx:1.23.4', 'disappeared', since + 2 * day),
    entry('docker.io/library/nginx:1.24.0', 'appeared', since + 2 * day),
    entry('docker.io/library/memcached:1.6.21', 'disappeared', since + 3 * day),
    // Came and went within the window: only the last event counts.
    entry('docker.io/library/busybox:1', 'appeared', since + day),
    entry('docker.io/library/busybox:1', 'disappeared', since + 4 * day),
    entry(current.images[4]?.reference ?? '', 'update-found', since + 5 * day),
    // Before the window: ignored.
    entry('docker.io/library/redis:7.2.4', 'appeared', since - day),
  ];

  it('reads appeared/disappeared as added/removed, pairs them by repository, and update-found as newly outdated', () => {
    const diff = diffFromHistory(current.images, history, since);
    expect(diff.basis).toBe('history');
    expect(diff.since).toBe('2026-11-20T00:00:00.000Z');
    expect(familiar(diff.added)).toEqual(['postgres:16.1']);
    expect(familiar(diff.removed)).toEqual(['busybox:1', 'memcached:1.6.21']);
    expect(diff.updated.map((u) => [u.repository, familiar(u.from), familiar(u.to)])).toEqual([
      ['nginx', ['nginx:1.23.4'], ['nginx:1.24.0']],
    ]);
    expect(familiar(diff.newlyOutdated)).toEqual(['ghcr.io/acme/api:2.3.1']);
    // The history cannot say which updates went away: unknown, not "none".
    expect(diff.noLongerOutdated).toBeNull();
  });

  it('is what buildReport puts in the report when asked for the history since a time', () => {
    const report = buildReport(fixedSource(undefined, history), {
      ...fixedRequest(),
      comparison: { kind: 'history', since },
    });
    expect(report.diff).toEqual(diffFromHistory(report.images, history, since));
  });
});

describe('resolveComparison', () => {
  it('reads --diff-against FILE back into a report, and names a missing or foreign file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-diff-'));
    try {
      const path = join(dir, 'old.json');
      await writeFile(path, renderJson(current));
      expect(await resolveComparison({ kind: 'report', path })).toEqual({
        kind: 'report',
        earlier: JSON.parse(renderJson(current)),
      });
      await expect(resolveComparison({ kind: 'report', path: join(dir, 'gone.json') })).rejects.toThrow(
        /cannot read the earlier report .*gone\.json/,
      );
      await writeFile(path, '{"images": []}');
      await expect(resolveComparison({ kind: 'report', path })).rejects.toMatchObject({
        name: 'ReportInputError',
        input: path,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
