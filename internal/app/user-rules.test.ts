import { describe, expect, it } from 'vitest';
import { userRuleFor, withUserRule, type UserRule } from './user-rules.js';

const rule = (pattern: string, rules: UserRule['rules'] = { pin: true }): UserRule => ({ pattern, rules });
const nginx = 'docker.io/library/nginx:1.25@sha256:' + 'a'.repeat(64);

describe('userRuleFor', () => {
  it('matches a reference, its repository, or a * pattern, the most specific first', () => {
    const rules = [
      rule('docker.io/*'),
      rule('docker.io/library/nginx'),
      rule('docker.io/library/nginx:1.25'),
    ];
    expect(userRuleFor(rules, nginx)?.pattern).toBe('docker.io/library/nginx:1.25');
    expect(userRuleFor(rules.slice(0, 2), nginx)?.pattern).toBe('docker.io/library/nginx');
    expect(userRuleFor(rules.slice(0, 1), nginx)?.pattern).toBe('docker.io/*');
    expect(userRuleFor(rules, 'ghcr.io/x/y:1')).toBeUndefined();
  });

  it('treats pattern text literally except for *', () => {
    expect(userRuleFor([rule('docker.io/library/nginx.+')], 'docker.io/library/nginxx:1')).toBeUndefined();
    expect(userRuleFor([rule('localhost:5000/*')], 'localhost:5000/team/app:2')?.pattern).toBe(
      'localhost:5000/*',
    );
  });
});

describe('withUserRule', () => {
  const labels = { ignored: false, rules: { pin: true, stayBelow: '2' }, problems: ['a label problem'] };

  it("puts the user's rule on top of the labels, field by field", () => {
    expect(withUserRule(labels, rule('x', { pin: false }))).toEqual({
      ignored: false,
      rules: expect.objectContaining({ pin: false, stayBelow: '2' }),
      problems: ['a label problem'],
    });
  });

  it('can ignore an image the labels keep, and keep one they ignore', () => {
    expect(withUserRule(labels, rule('x', { ignore: true })).ignored).toBe(true);
    expect(withUserRule({ ...labels, ignored: true }, rule('x', { ignore: false })).ignored).toBe(false);
  });
});
