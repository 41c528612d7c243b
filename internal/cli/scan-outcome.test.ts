import { describe, expect, it } from 'vitest';
import type { PlatformInfo } from '../app.js';
import { EXIT } from './exit-codes.js';
import { scanOutcome, type ScanFacts } from './scan-outcome.js';

const LIST = 'static:/ci/images.txt';
const live: PlatformInfo = { id: LIST, type: 'static', status: { state: 'live' } };
const image = (status: 'done' | 'failed' | 'pending', platform = LIST) => ({
  status,
  tags: [`platform:${platform}`],
  disappearedAt: null,
});
const facts = (overrides: Partial<ScanFacts>): ScanFacts => ({
  images: [image('done'), image('done')],
  platforms: [live],
  scope: null,
  failOn: null,
  updateFound: false,
  ...overrides,
});

describe('scanOutcome', () => {
  it('is 0 with nothing to say when everything was checked', () => {
    expect(scanOutcome(facts({}))).toEqual({ code: EXIT.ok, notes: [] });
    expect(scanOutcome(facts({ failOn: 'major' }))).toEqual({ code: EXIT.ok, notes: [] });
  });

  it('is 3, saying how many, when images could not be checked', () => {
    const outcome = scanOutcome(facts({ images: [image('done'), image('failed'), image('failed')] }));
    expect(outcome).toEqual({
      code: EXIT.notChecked,
      notes: ['2 of 3 images could not be checked (the "error" of each says why)'],
    });
  });

  it('is 4 for --fail-on when every image failed: a gate that could not decide never passes', () => {
    const outcome = scanOutcome(facts({ images: [image('failed')], failOn: 'major' }));
    expect(outcome.code).toBe(EXIT.undecided);
    expect(outcome.notes).toEqual([
      '1 of 1 image could not be checked (the "error" of each says why)',
      '--fail-on major could not decide: no such update among the 0 images checked, but not everything could be checked',
    ]);
  });

  it('is 4 for --fail-on over a list holding only a malformed line, naming the line', () => {
    const degraded: PlatformInfo = {
      id: LIST,
      type: 'static',
      status: {
        state: 'degraded',
        reason: '/ci/images.txt has lines that are not image references: …',
        problems: [{ line: 1 }],
      },
    };
    const outcome = scanOutcome(facts({ images: [], platforms: [degraded], failOn: 'minor' }));
    expect(outcome.code).toBe(EXIT.undecided);
    expect(outcome.notes[0]).toBe(`${LIST}: 1 line is not an image reference (line 1)`);
    expect(scanOutcome(facts({ images: [], platforms: [degraded] })).code).toBe(EXIT.notChecked);
  });

  it('is 1 when --fail-on found its update, even if other images failed', () => {
    const outcome = scanOutcome(
      facts({ images: [image('done'), image('failed')], failOn: 'minor', updateFound: true }),
    );
    expect(outcome.code).toBe(EXIT.updateFound);
    expect(outcome.notes.at(-1)).toBe('--fail-on minor: an image has a minor update or bigger');
  });

  it('counts a platform that failed, and having no platform at all, as not checked', () => {
    const failed: PlatformInfo = {
      id: 'docker:DOCKER_HOST',
      type: 'docker',
      status: { state: 'failed', reason: 'cannot connect' },
    };
    expect(scanOutcome(facts({ platforms: [live, failed] }))).toEqual({
      code: EXIT.notChecked,
      notes: ['docker:DOCKER_HOST failed: cannot connect'],
    });
    expect(scanOutcome(facts({ images: [], platforms: [] })).notes).toEqual([
      'nothing was checked: no platform to scan (see --help)',
    ]);
  });

  it('judges only the platforms --platform names, and ignores images that no longer run', () => {
    const other = 'docker:build-box';
    const images = [image('done'), image('failed', other), { ...image('failed'), disappearedAt: 1 }];
    expect(scanOutcome(facts({ images, scope: [LIST], failOn: 'major' })).code).toBe(EXIT.ok);
    expect(scanOutcome(facts({ images, scope: null, failOn: 'major' })).code).toBe(EXIT.undecided);
  });
});
