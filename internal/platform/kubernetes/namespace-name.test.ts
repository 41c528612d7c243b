import { describe, expect, it } from 'vitest';
import { namespaceNameProblem } from './namespace-name.js';

describe('namespaceNameProblem', () => {
  it('accepts RFC 1123 labels and says what is wrong with anything else', () => {
    expect(['shop', 'team-a', 'a1', 'x'.repeat(63)].map(namespaceNameProblem)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(namespaceNameProblem('Shop')).toMatch(/^is not a namespace name/);
    expect(namespaceNameProblem('-shop')).toMatch(/^is not a namespace name/);
    expect(namespaceNameProblem('shop/../kube-system')).toMatch(/^is not a namespace name/);
    expect(namespaceNameProblem('x'.repeat(64))).toMatch(/longer than 63/);
  });
});
