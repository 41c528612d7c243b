import { describe, expect, it } from 'vitest';
import { describeRule, EMPTY_RULE_FORM, formFromRule, ruleFromForm } from './rule-form.js';

describe('ruleFromForm', () => {
  it('keeps only what was set, with one regular expression a line', () => {
    const result = ruleFromForm({
      ...EMPTY_RULE_FORM,
      pattern: ' docker.io/library/postgres ',
      stayOnCurrentMajor: true,
      include: '^\\d+\\.\\d+$\n\n',
      exclude: 'alpine\nrc',
    });
    expect(result).toEqual({
      ok: true,
      rule: {
        pattern: 'docker.io/library/postgres',
        stayOnCurrentMajor: true,
        include: ['^\\d+\\.\\d+$'],
        exclude: ['alpine', 'rc'],
      },
    });
  });

  it('names the field and the line of a bad regular expression', () => {
    const result = ruleFromForm({ ...EMPTY_RULE_FORM, pattern: 'x', exclude: 'ok\n(unclosed' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Exclude: "\(unclosed" is not a valid regular expression/);
  });

  it('refuses what the core would refuse: a pattern too complex to match in bounded time, lookaround', () => {
    const redos = ruleFromForm({ ...EMPTY_RULE_FORM, pattern: 'x', include: '^(\\S*){300}!$' });
    expect(redos).toMatchObject({
      ok: false,
      error: expect.stringContaining('Include: "^(\\S*){300}!$" is too complex'),
    });
    const lookahead = ruleFromForm({ ...EMPTY_RULE_FORM, pattern: 'x', exclude: '^(?!1\\.)' });
    expect(lookahead).toMatchObject({ ok: false, error: expect.stringContaining('lookahead') });
  });

  it('asks for a pattern when there is none', () => {
    const result = ruleFromForm({ ...EMPTY_RULE_FORM, pin: true });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('Image pattern is empty') });
  });

  it('round-trips through the form', () => {
    const rule = { pattern: 'ghcr.io/org/*', pin: true, stayBelow: '2.0', include: ['^v'] };
    expect(ruleFromForm(formFromRule(rule))).toEqual({ ok: true, rule });
    expect(describeRule(rule)).toEqual(['pinned', 'below 2.0', 'include ^v']);
  });
});
