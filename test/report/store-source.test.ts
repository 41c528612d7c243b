// The real SQLite store is a ReportSource: a report built from it after platform graphs and checks
// were saved, and the diff from its own history.
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../internal/report/build-report.js';
import { openStore, type Store } from '../../internal/store/store.js';
import { dockerGraph, processedDone } from '../../internal/store/testing/sample-data.js';
import { fixedRequest } from './fixture.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('a report from the SQLite store', () => {
  it('lists what runs, with locations from the stored graph, and diffs from the stored history', () => {
    let now = Date.UTC(2026, 10, 20);
    const opened = openStore(':memory:', { now: () => now });
    store = opened;
    opened.replacePlatformGraph(
      'docker:a',
      ...(Object.values(
        dockerGraph('docker:a', ['docker.io/library/nginx:1.24.0', 'docker.io/library/redis:7.2.4']),
      ) as [never, never]),
    );
    const since = (now += 1000);
    now += 1000;
    const graph = dockerGraph('docker:a', [
      'docker.io/library/nginx:1.25.0',
      'docker.io/library/redis:7.2.4',
    ]);
    opened.replacePlatformGraph('docker:a', graph.nodes, graph.edges);
    opened.saveProcessed(
      processedDone('docker.io/library/nginx:1.25.0', 'major', { at: now, vulnerabilities: 2 }),
    );

    const report = buildReport(opened, { ...fixedRequest(), comparison: { kind: 'history', since } });
    expect(report.images.map((image) => [image.familiar, image.update?.kind ?? null])).toEqual([
      ['nginx:1.25.0', 'major'],
      ['redis:7.2.4', null],
    ]);
    expect(report.images[0]?.locations).toEqual([
      { platform: 'docker:a', scope: ['local'], workload: 'container/c0' },
    ]);
    expect(
      report.diff?.updated.map((u) => [
        u.repository,
        u.from.map((i) => i.familiar),
        u.to.map((i) => i.familiar),
      ]),
    ).toEqual([['nginx', ['nginx:1.24.0'], ['nginx:1.25.0']]]);
    expect(report.diff?.added).toEqual([]);
    expect(report.diff?.removed).toEqual([]);
  });
});
