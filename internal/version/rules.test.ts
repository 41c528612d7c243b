import { describe, expect, it } from 'vitest';
import { InvalidRuleError } from './errors.js';
import { mergeRules as mergeRulesFromLabels } from './labels.js';
import { isBelow, mergeRules, parseStayBelow, stayBelowOrThrow, type Rules } from './rules.js';
import { TagPattern } from '../model/tag-pattern.js';

describe('mergeRules', () => {
  it.each<[string, Rules, Rules, Rules]>([
    ['nearer wins', { pin: true }, { pin: false }, { pin: true }],
    ['an explicit false overrides a farther true', { ignore: false }, { ignore: true }, { ignore: false }],
    [
      'unset fields come from farther',
      {},
      { stayOnCurrentMajor: true, stayBelow: '3' },
      { stayOnCurrentMajor: true, stayBelow: '3' },
    ],
    ['field by field', { stayBelow: '2' }, { stayBelow: '3', pin: true }, { stayBelow: '2', pin: true }],
    [
      'patterns are replaced, not joined',
      { include: [TagPattern.parse('a')] },
      { include: [TagPattern.parse('b')], exclude: [TagPattern.parse('c')] },
      { include: [TagPattern.parse('a')], exclude: [TagPattern.parse('c')] },
    ],
    ['both empty', {}, {}, {}],
  ])('%s', (_name, nearer, farther, expected) => {
    const merged = mergeRules(nearer, farther);
    // Compare without the fields that stayed undefined.
    expect(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  it('is the same function when imported from labels.ts', () => {
    expect(mergeRulesFromLabels).toBe(mergeRules);
  });

  it('folds a chain from the image up to the namespace: the nearest node wins', () => {
    const container: Rules = { pin: false };
    const deployment: Rules = { pin: true, stayBelow: '5' };
    const namespace: Rules = { stayBelow: '9', stayOnCurrentMajor: true };
    const merged = [deployment, namespace].reduce(
      (nearer, farther) => mergeRules(nearer, farther),
      container,
    );
    expect(merged).toMatchObject({ pin: false, stayBelow: '5', stayOnCurrentMajor: true });
  });
});

describe('stay-below', () => {
  it.each([
    ['2', ['2']],
    ['8.0.0', ['8', '0', '0']],
    ['v3.1', ['3', '1']],
    ['abc', null],
    ['2-alpine', null],
    ['2.0rc1', null],
    ['', null],
  ])('parseStayBelow(%j)', (value, expected) => {
    expect(parseStayBelow(value)).toEqual(expected);
  });

  it('stayBelowOrThrow names the rule and the value', () => {
    expect(() => stayBelowOrThrow('abc')).toThrow(InvalidRuleError);
    expect(() => stayBelowOrThrow('abc')).toThrow('rule stayBelow="abc" is invalid');
  });

  it.each([
    [['1', '9', '9'], ['2'], true],
    [['2', '0', '1'], ['2'], false],
    [['2'], ['2'], false],
    [['2', '0'], ['2', '0', '1'], true], // padded with zeros: 2.0.0 < 2.0.1
    [['2'], ['2', '5'], true],
    [['2', '5', '0'], ['2', '5'], false],
    [['3'], ['2', '5'], false],
    [['10'], ['9'], false],
    [['99999999999999999999'], ['100000000000000000000'], true],
  ])('isBelow(%j, %j) is %s', (release, limit, expected) => {
    expect(isBelow(release, limit)).toBe(expected);
  });
});
