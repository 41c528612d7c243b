import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, TagPattern, TagPatternError, tagPatternProblem } from './tag-pattern.js';

describe('TagPattern', () => {
  it('matches anywhere in the tag unless anchored, like RegExp.test', () => {
    expect(TagPattern.parse('rc').test('1.0-rc1')).toBe(true);
    expect(TagPattern.parse('^rc').test('1.0-rc1')).toBe(false);
    expect(TagPattern.parse('^\\d+\\.\\d+$').test('1.25')).toBe(true);
    expect(TagPattern.parse('^\\d+\\.\\d+$').test('1.25.3')).toBe(false);
    expect(TagPattern.parse('(?i)^ALPINE').test('alpine3.20')).toBe(true);
    expect(TagPattern.parse('^v?(?P<major>\\d+)').test('v12')).toBe(true);
  });

  it('prints like a RegExp, for the explanations', () => {
    expect(String(TagPattern.parse('-alpine$'))).toBe('/-alpine$/');
    expect([TagPattern.parse('a'), TagPattern.parse('b')].join(', ')).toBe('/a/, /b/');
  });

  it.each([
    ['(unclosed', 'is not a valid regular expression in RE2 syntax (error parsing regexp: missing closing )'],
    ['^(?!1\\.)', 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) cannot be matched in linear time'],
    ['(?<=v)1', 'lookahead and lookbehind'],
    ['(\\d)\\.\\1', 'backreferences (\\1, \\k<name>) cannot be matched in linear time'],
    ['(?<v>a)\\k<v>', 'backreferences'],
    ['\\u0041', 'write a code point as \\x{41} rather than \\u0041'],
    ['a{1001}', 'invalid repeat count'],
    ['(\\S*){300}', 'is too complex: it compiles to 1202 instructions and at most 1000 are allowed'],
    [
      'x'.repeat(MAX_PATTERN_LENGTH + 1),
      `is ${MAX_PATTERN_LENGTH + 1} characters long; a tag pattern may have at most ${MAX_PATTERN_LENGTH}`,
    ],
  ])('refuses %j, saying why', (source, why) => {
    expect(() => TagPattern.parse(source)).toThrow(TagPatternError);
    expect(tagPatternProblem(source)).toContain(why);
  });

  it('is undefined for a usable pattern', () => {
    expect(tagPatternProblem('^v?\\d+(\\.\\d+)*(-[a-z]+)?$')).toBeUndefined();
  });
});
