import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPORT_ARG_OPTIONS, parseReportOptions } from './options.js';
import { ReportInputError } from './report-input-error.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0);
/** Parses like the CLI does: node:util parseArgs with REPORT_ARG_OPTIONS, then parseReportOptions. */
const parse = (...argv: string[]) =>
  parseReportOptions(parseArgs({ args: argv, options: REPORT_ARG_OPTIONS, strict: true }).values, NOW);

function errorOf(run: () => unknown): ReportInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportInputError) return error;
    throw error;
  }
  throw new Error('expected a ReportInputError');
}

describe('parseReportOptions', () => {
  it('gives defaults when no report flag is given', () => {
    expect(parse()).toEqual({
      format: null,
      out: null,
      selection: { groupBy: 'location', onlyOutdated: false, bumps: null, platforms: null },
      failOn: null,
      diff: { kind: 'none' },
    });
  });

  it('reads every flag, bumps comma-separated or repeated and put in size order', () => {
    const options = parse(
      '--report',
      'html',
      '--out',
      'r.html',
      '--group-by',
      'image',
      '--only-outdated',
      '--bump',
      'patch,major',
      '--bump',
      'minor',
      '--platform',
      'docker:laptop',
      '--platform',
      'kubernetes:prod',
      '--fail-on',
      'minor',
      '--diff-against',
      'old.json',
    );
    expect(options).toEqual({
      format: 'html',
      out: 'r.html',
      selection: {
        groupBy: 'image',
        onlyOutdated: true,
        bumps: ['major', 'minor', 'patch'],
        platforms: ['docker:laptop', 'kubernetes:prod'],
      },
      failOn: 'minor',
      diff: { kind: 'report', path: 'old.json' },
    });
  });

  it('reads --diff-since as a date, a date-time with offset, or a while ago', () => {
    expect(parse('--report', 'md', '--diff-since', '2026-11-20').diff).toEqual({
      kind: 'history',
      since: Date.UTC(2026, 10, 20),
    });
    expect(parse('--report', 'md', '--diff-since', '2026-11-20T08:00:00+01:00').diff).toEqual({
      kind: 'history',
      since: Date.UTC(2026, 10, 20, 7),
    });
    expect(parse('--report', 'md', '--diff-since', '7d').diff).toEqual({
      kind: 'history',
      since: NOW - 7 * 86_400_000,
    });
    expect(parse('--report', 'md', '--diff-since', '30m').diff).toEqual({
      kind: 'history',
      since: NOW - 30 * 60_000,
    });
  });

  it('lets the filters shape --fail-on without a report', () => {
    expect(parse('--fail-on', 'major', '--platform', 'docker:laptop').selection.platforms).toEqual([
      'docker:laptop',
    ]);
  });

  it.each([
    [
      ['--report', 'pdf'],
      '--report',
      /one of md, html, csv, json \(got "pdf"\); for a PDF, write html and print it/,
    ],
    [['--report', ''], '--report', /needs a non-empty value/],
    [['--report', 'md', '--group-by', 'team'], '--group-by', /one of location, image/],
    [
      ['--report', 'md', '--bump', 'major,huge'],
      '--bump',
      /one of major, minor, patch, digest \(got "huge"\)/,
    ],
    [['--report', 'md', '--bump', 'major,'], '--bump', /got ""/],
    [['--fail-on', 'critical'], '--fail-on', /one of major, minor, patch, digest/],
    [['--out', 'r.md'], '--out', /--out needs --report FORMAT/],
    [['--group-by', 'image'], '--group-by', /needs --report/],
    [['--diff-since', '7d'], '--diff-since', /needs --report/],
    [['--only-outdated'], '--only-outdated', /has no effect without --report FORMAT or --fail-on KIND/],
    [['--platform', 'docker:x'], '--platform', /has no effect/],
    [['--report', 'md', '--diff-since', 'last week'], '--diff-since', /neither a date .* nor a while ago/],
    [['--report', 'md', '--diff-since', '2026-11-20T08:00'], '--diff-since', /neither a date/],
    [['--report', 'md', '--diff-since', '2027-01-01'], '--diff-since', /in the future/],
    [
      ['--report', 'md', '--diff-since', '1d', '--diff-against', 'a.json'],
      '--diff-since',
      /either --diff-against FILE or --diff-since WHEN/,
    ],
  ])('rejects %j naming %s', (argv, flag, message) => {
    const error = errorOf(() => parse(...argv));
    expect(error.input).toBe(flag);
    expect(error.message).toMatch(message);
  });

  it('rejects a values object whose types parseArgs would not give', () => {
    expect(errorOf(() => parseReportOptions({ 'only-outdated': 'yes' }, NOW)).message).toBe(
      '--only-outdated takes no value',
    );
    expect(errorOf(() => parseReportOptions({ platform: [true] }, NOW)).input).toBe('--platform');
  });
});
