import { describe, expect, it } from 'vitest';
import { updateKind } from './decide-update-step.js';

const none = { patch: null, minor: null, major: null, latest: null };

describe('updateKind', () => {
  it('is the biggest bump with a candidate; a newer tag wins over a changed digest', () => {
    expect(updateKind({ patch: '1.0.1', minor: '1.1.0', major: '2.0.0', latest: '2.0.0' }, true)).toBe(
      'major',
    );
    expect(updateKind({ ...none, patch: '1.0.1', minor: '1.1.0', latest: '1.1.0' }, true)).toBe('minor');
    expect(updateKind({ ...none, patch: '1.0.1', latest: '1.0.1' }, false)).toBe('patch');
  });

  it('is digest when only the same tag changed, else none', () => {
    expect(updateKind(none, true)).toBe('digest');
    expect(updateKind(none, false)).toBe('none');
  });
});
