// buildReport over the fixed source: filters, grouping, summary, --fail-on, the JSON schema, and the
// CSV read back with an RFC 4180 parser.
import { describe, expect, it } from 'vitest';
import { buildReport, hasUpdateAtLeast } from '../../internal/report/build-report.js';
import { render as renderCsv } from '../../internal/report/csv.js';
import { parseReportJson, render as renderJson, reportSchemaProblems } from '../../internal/report/json.js';
import type { Report } from '../../internal/report/model.js';
import { ReportInputError } from '../../internal/report/report-input-error.js';
import { parseCsv } from './csv-parse.js';
import { earlierComparison } from './earlier-fixture.js';
import { fixedRequest, fixedSource } from './fixture.js';

const build = (selection: Parameters<typeof fixedRequest>[0] = {}): Report =>
  buildReport(fixedSource(), fixedRequest(selection));
const familiars = (report: Report): string[] => report.images.map((image) => image.familiar);

describe('buildReport', () => {
  it('reports every image with its locations, update, fixes and release date', () => {
    const report = build();
    expect(familiars(report)).toEqual([
      'nginx:1.24.0',
      'nginx:1.25.3',
      'postgres:16.1',
      'redis:7.2.4',
      'ghcr.io/acme/api:2.3.1',
      'quay.io/acme/worker:0.9.0',
    ]);
    const nginx = report.images[1];
    expect(nginx?.locations).toEqual([
      { platform: 'docker:laptop', scope: ['laptop', 'shop'], workload: 'compose-service/web' },
      { platform: 'kubernetes:kind-dev', scope: ['kind-dev', 'web'], workload: 'deployment/frontend' },
    ]);
    expect(nginx?.fixes).toEqual({
      count: 2,
      ids: ['CVE-2026-0001', 'CVE-2026-0002'],
      worstSeverity: 'critical',
    });
    // The release note "v1.27.2" dates the tag 1.27.2; the javascript: address is dropped.
    expect(nginx?.update?.releasedAt).toBe('2026-10-02T00:00:00.000Z');
    expect(nginx?.releaseNotes).toEqual([
      { title: 'nginx 1.27.2', url: 'https://nginx.org/en/CHANGES-1.27' },
      { title: 'nginx 1.25.5', url: null },
    ]);
    expect(report.summary).toEqual({
      images: 6,
      outdated: { major: 1, minor: 1, patch: 0, digest: 1 },
      upToDate: 1,
      unchecked: 1,
      failed: 1,
      fixableVulnerabilities: 2,
    });
    expect(report.platforms.find((p) => p.id === 'kubernetes:prod')).toEqual({
      id: 'kubernetes:prod',
      type: 'kubernetes',
      status: 'degraded',
      reason: 'cronjobs are forbidden by RBAC',
    });
  });

  it('keeps only outdated images, only the bumps asked for, only the platforms asked for', () => {
    expect(familiars(build({ onlyOutdated: true }))).toEqual([
      'nginx:1.24.0',
      'nginx:1.25.3',
      'ghcr.io/acme/api:2.3.1',
    ]);
    expect(familiars(build({ bumps: ['major', 'minor'] }))).toEqual([
      'nginx:1.25.3',
      'ghcr.io/acme/api:2.3.1',
    ]);
    const laptop = build({ platforms: ['docker:laptop'] });
    expect(familiars(laptop)).toEqual(['nginx:1.24.0', 'nginx:1.25.3', 'redis:7.2.4']);
    expect(laptop.images[1]?.locations.map((l) => l.platform)).toEqual(['docker:laptop']);
    expect(laptop.platforms.map((p) => p.id)).toEqual(['docker:laptop']);
  });

  it('groups by location with each group holding only its own workloads, or by repository', () => {
    const byLocation = build();
    expect(byLocation.groups.map((group) => group.title)).toEqual([
      'images.txt',
      'kind-dev / api',
      'kind-dev / web',
      'laptop',
      'laptop / legacy',
      'laptop / shop',
      'prod / jobs',
    ]);
    expect(byLocation.groups.find((g) => g.title === 'laptop / shop')?.entries[0]?.locations).toEqual([
      { platform: 'docker:laptop', scope: ['laptop', 'shop'], workload: 'compose-service/web' },
    ]);
    const byImage = build({ groupBy: 'image' });
    expect(byImage.groups.map((group) => [group.title, group.entries.length])).toEqual([
      ['ghcr.io/acme/api', 1],
      ['nginx', 2],
      ['postgres', 1],
      ['quay.io/acme/worker', 1],
      ['redis', 1],
    ]);
  });

  it('answers --fail-on: an update of that kind or bigger', () => {
    const report = build();
    expect(hasUpdateAtLeast(report, 'major')).toBe(true);
    expect(hasUpdateAtLeast(build({ bumps: ['minor', 'digest'] }), 'major')).toBe(false);
    expect(hasUpdateAtLeast(build({ bumps: ['minor', 'digest'] }), 'minor')).toBe(true);
    expect(hasUpdateAtLeast(build({ bumps: ['digest'] }), 'patch')).toBe(false);
  });
});

describe('the JSON format', () => {
  it('validates against report.schema.json, with and without a diff', () => {
    const withDiff = buildReport(fixedSource(), { ...fixedRequest(), comparison: earlierComparison() });
    for (const report of [build(), withDiff, build({ platforms: ['nowhere'] })])
      expect(reportSchemaProblems(JSON.parse(renderJson(report)))).toEqual([]);
  });

  it('refuses a file that is not JSON or not a version 1 report, naming the file', () => {
    expect(() => parseReportJson('{', 'old.json')).toThrow(ReportInputError);
    expect(() => parseReportJson('{', 'old.json')).toThrow(/old\.json is not JSON/);
    const wrong = { ...JSON.parse(renderJson(build())), schemaVersion: 2 };
    expect(() => parseReportJson(JSON.stringify(wrong), 'old.json')).toThrow(
      /old\.json is not a schemaVersion 1 report \(\/schemaVersion: expected 1\)/,
    );
  });
});

describe('the CSV format read back with an RFC 4180 parser', () => {
  it('gives one record per image × location with the model’s cells, then the diff padded to the same width', () => {
    const report = buildReport(fixedSource(), { ...fixedRequest(), comparison: earlierComparison() });
    const text = renderCsv(report);
    expect(text.startsWith('\uFEFFimage,reference,')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    const [header = [], ...records] = parseCsv(text);
    const blank = records.findIndex((record) => record.every((cell) => cell === ''));
    const imageRecords = records.slice(0, blank);
    const expected = report.images.flatMap((image) =>
      image.locations.map((location) => [
        image.familiar,
        image.reference,
        location.platform,
        location.scope.join(' / '),
        location.workload ?? '',
      ]),
    );
    expect(imageRecords.map((record) => record.slice(0, 5))).toEqual(expected);
    const column = (name: string): number => header.indexOf(name);
    const worker = imageRecords.find((record) => record[0] === 'quay.io/acme/worker:0.9.0');
    expect(worker?.[column('error')]).toBe(
      'quay.io answered 401 Unauthorized; add credentials for quay.io in the settings',
    );
    expect(imageRecords.find((record) => record[0] === 'nginx:1.25.3')?.[column('fixed ids')]).toBe(
      'CVE-2026-0001 CVE-2026-0002',
    );
    const diff = records.slice(blank + 1);
    expect(diff[0]?.slice(0, 3)).toEqual(['Change', 'Image', 'Details']);
    expect(diff.slice(1).map((record) => record.slice(0, 2))).toEqual([
      ['added', 'postgres:16.1'],
      ['removed', 'memcached:1.6.21'],
      ['updated', 'nginx'],
      ['newly outdated', 'ghcr.io/acme/api:2.3.1'],
      ['no longer outdated', 'redis:7.2.4'],
    ]);
    for (const record of records) expect(record).toHaveLength(header.length);
  });
});
