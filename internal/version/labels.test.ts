import { describe, expect, it } from 'vitest';
import { latest } from './docker.js';
import { RuleLabelError } from './errors.js';
import { parseRuleLabels } from './labels.js';
import type { Rules } from './rules.js';
import { RE2JSSyntaxException } from 're2js';
import { TagPattern, TagPatternError } from '../model/tag-pattern.js';

describe('parseRuleLabels', () => {
  // Cupdate's own cases: AlexGustafsson/cupdate internal/platform/labels_test.go.
  it.each<[Record<string, string>, Rules]>([
    [{ 'config.cupdate/ignore': 'true' }, { ignore: true }],
    [{ 'config.cupdate/ignore': 'false' }, { ignore: false }],
    [{ 'cupdate.config.ignore': 'true' }, { ignore: true }],
    [{ 'cupdate.config.ignore': 'false' }, { ignore: false }],
    [{ 'config.cupdate/pin': 'true' }, { pin: true }],
    [{ 'cupdate.config.pin': 'true' }, { pin: true }],
    [{ 'config.cupdate/stay-on-current-major': 'true' }, { stayOnCurrentMajor: true }],
    [{ 'cupdate.config.stay-on-current-major': 'true' }, { stayOnCurrentMajor: true }],
    [{ 'config.cupdate/stay-below': '8.0.0' }, { stayBelow: '8.0.0' }],
    [{ 'cupdate.config.stay-below': '8.0.0' }, { stayBelow: '8.0.0' }],
    [{}, {}],
  ])("Cupdate's case %o", (labels, expected) => {
    expect(parseRuleLabels(labels)).toEqual({ rules: expected, errors: [] });
  });

  it.each<[string, Record<string, string>, Rules]>([
    ['stay-below with a v and fewer numbers', { 'config.cupdate/stay-below': 'v2' }, { stayBelow: 'v2' }],
    [
      'include',
      { 'config.cupdate/include': '^\\d+\\.\\d+$' },
      { include: [TagPattern.parse('^\\d+\\.\\d+$')] },
    ],
    ['exclude', { 'cupdate.config.exclude': 'rc|beta' }, { exclude: [TagPattern.parse('rc|beta')] }],
    [
      'other labels are not read',
      { app: 'web', 'config.cupdateX': 'true', 'cupdate.configpin': 'true', 'x.config.cupdate/pin': 'true' },
      {},
    ],
    [
      'the Kubernetes spelling wins over the Docker one, like Cupdate',
      { 'cupdate.config.pin': 'false', 'config.cupdate/pin': 'true' },
      { pin: true },
    ],
    [
      'all rules together',
      {
        'config.cupdate/ignore': 'false',
        'config.cupdate/pin': 'false',
        'config.cupdate/stay-on-current-major': 'true',
        'config.cupdate/stay-below': '16',
        'config.cupdate/include': '-alpine$',
        'config.cupdate/exclude': 'rc',
      },
      {
        ignore: false,
        pin: false,
        stayOnCurrentMajor: true,
        stayBelow: '16',
        include: [TagPattern.parse('-alpine$')],
        exclude: [TagPattern.parse('rc')],
      },
    ],
  ])('%s', (_name, labels, expected) => {
    expect(parseRuleLabels(labels)).toEqual({ rules: expected, errors: [] });
  });

  describe('per-container labels', () => {
    const labels = {
      'config.cupdate/pin': 'true',
      'config.cupdate/pin.web': 'false',
      'cupdate.config.stay-below.db': '15',
      'config.cupdate/stay-below': '99',
    };
    it.each<[string | undefined, Rules]>([
      ['web', { pin: false, stayBelow: '99' }],
      ['db', { pin: true, stayBelow: '15' }],
      ['sidecar', { pin: true, stayBelow: '99' }],
      [undefined, { pin: true, stayBelow: '99' }],
    ])('for container %s', (container, expected) => {
      expect(parseRuleLabels(labels, container)).toEqual({ rules: expected, errors: [] });
    });

    it('the per-container Docker spelling beats the plain Kubernetes spelling', () => {
      const { rules } = parseRuleLabels(
        { 'config.cupdate/pin': 'true', 'cupdate.config.pin.web': 'false' },
        'web',
      );
      expect(rules).toEqual({ pin: false });
    });
  });

  describe('malformed labels', () => {
    it.each<[string, Record<string, string>, string, Rules]>([
      [
        'stay-below not a version',
        { 'config.cupdate/stay-below': 'abc' },
        'config.cupdate/stay-below="abc"',
        {},
      ],
      [
        "stay-below with a prerelease (Cupdate's case)",
        { 'config.cupdate/stay-below': '8.0.0-rc.1' },
        '"8.0.0-rc.1"',
        {},
      ],
      ['stay-below with a prerelease', { 'cupdate.config.stay-below': '8.0rc1' }, '"8.0rc1"', {}],
      ['boolean not true/false', { 'config.cupdate/pin': 'yes' }, 'use "true" or "false"', {}],
      ['boolean in capitals', { 'config.cupdate/ignore': 'True' }, 'config.cupdate/ignore="True"', {}],
      [
        'bad regular expression',
        { 'config.cupdate/include': '(unclosed' },
        'config.cupdate/include="(unclosed"',
        {},
      ],
      ['empty regular expression', { 'config.cupdate/exclude': '' }, 'give a regular expression', {}],
      ['unknown rule', { 'config.cupdate/stay-bellow': '2' }, 'unknown Cupdate label', {}],
      ['inherited object key', { 'cupdate.config.toString': 'x' }, 'unknown Cupdate label', {}],
      ['empty container name', { 'config.cupdate/pin.': 'true' }, 'unknown Cupdate label', {}],
    ])('%s is an error naming label and value', (_name, labels, message, expected) => {
      const { rules, errors } = parseRuleLabels(labels, 'web');
      expect(rules).toEqual(expected);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(RuleLabelError);
      expect(errors[0]?.message).toContain(message);
      const [label, value] = Object.entries(labels)[0] ?? [];
      expect(errors[0]).toMatchObject({ label, value });
    });

    it("a bad regular expression carries the pattern's error, and RE2's, as its causes", () => {
      const { errors } = parseRuleLabels({ 'config.cupdate/exclude': '[a-' });
      expect(errors[0]?.cause).toBeInstanceOf(TagPatternError);
      expect((errors[0]?.cause as Error).cause).toBeInstanceOf(RE2JSSyntaxException);
    });

    it('refuses the label that froze serve for 18 s per check (issue 15), naming it and why', () => {
      const { rules, errors } = parseRuleLabels({
        'config.cupdate/include': '^(\\S*){300}!$',
        'config.cupdate/pin': 'true',
      });
      expect(rules).toEqual({ pin: true });
      expect(errors.map((error) => error.message)).toEqual([
        String.raw`label config.cupdate/include="^(\\S*){300}!$" is invalid: the pattern is too complex: it compiles to 1205 instructions and at most 1000 are allowed; use fewer or smaller repetitions ({n}) and alternatives`,
      ]);
    });

    it('accepts a small pattern that backtracks exponentially in RegExp, and answers at once', () => {
      // /^(a+)+$/ needs about 2^40 steps on this tag in V8: were it matched by backtracking, this
      // test would never finish. RE2 matches it in one pass over the tag.
      const { rules, errors } = parseRuleLabels({ 'config.cupdate/exclude': '^(a+)+$' });
      expect(errors).toEqual([]);
      expect(rules.exclude?.[0]?.test(`${'a'.repeat(40)}!`)).toBe(false);
      expect(rules.exclude?.[0]?.test('aaaa')).toBe(true);
    });

    it('says why lookaround and backreferences cannot be used', () => {
      const { errors } = parseRuleLabels({
        'config.cupdate/exclude': '^(?!1\\.)',
        'config.cupdate/include': '(a)\\1',
      });
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringContaining('lookahead and lookbehind'),
        expect.stringContaining('backreferences'),
      ]);
    });

    it('the other labels still apply', () => {
      const { rules, errors } = parseRuleLabels({
        'config.cupdate/stay-below': 'abc',
        'config.cupdate/include': '(',
        'config.cupdate/pin': 'true',
        'cupdate.config.stay-on-current-major': 'true',
      });
      expect(rules).toEqual({ pin: true, stayOnCurrentMajor: true });
      expect(errors.map((e) => e.label).sort()).toEqual([
        'config.cupdate/include',
        'config.cupdate/stay-below',
      ]);
    });

    it('a malformed nearer form is reported and the next valid form applies', () => {
      const { rules, errors } = parseRuleLabels(
        { 'config.cupdate/stay-below.web': 'two', 'config.cupdate/stay-below': '2' },
        'web',
      );
      expect(rules).toEqual({ stayBelow: '2' });
      expect(errors.map((e) => e.label)).toEqual(['config.cupdate/stay-below.web']);
    });

    it('every malformed label is reported, even one that would have lost', () => {
      const { rules, errors } = parseRuleLabels({
        'config.cupdate/pin': 'true',
        'cupdate.config.pin': 'maybe',
      });
      expect(rules).toEqual({ pin: true });
      expect(errors.map((e) => e.label)).toEqual(['cupdate.config.pin']);
    });
  });

  it('its rules drive the choice of tag', () => {
    const tags = ['1.9.0', '2.0.1', '2.1.0-alpine', '3.0.0'];
    const { rules } = parseRuleLabels({ 'cupdate.config.stay-below': '2' });
    expect(latest('1.2.3', tags, rules)).toBe('1.9.0');
    expect(latest('1.2.3', tags)).toBe('3.0.0');
  });
});
