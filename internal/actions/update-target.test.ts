import { describe, expect, it } from 'vitest';
import type { UpdateResult } from '../model/image.js';
import { availableBumps, NoSuchUpdateError, updateTarget } from './update-target.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const result = (overrides: Partial<UpdateResult>): UpdateResult => ({
  currentTag: '1.25.0',
  currentDigest: null,
  latestReference: 'docker.io/library/nginx:2.0.0',
  latestDigest: DIGEST,
  kind: 'major',
  candidates: { patch: '1.25.3', minor: '1.27.0', major: '2.0.0' },
  explanation: [],
  checkedAt: 0,
  ...overrides,
});

describe('updateTarget', () => {
  it('takes the biggest bump by default, with the digest the check found for it', () => {
    expect(updateTarget('nginx', result({}))).toEqual({
      target: { bump: 'major', tag: '2.0.0', digest: DIGEST },
      bumps: ['major', 'minor', 'patch'],
    });
    expect(updateTarget('nginx', result({}), 'patch').target).toEqual({
      bump: 'patch',
      tag: '1.25.3',
      digest: null,
    });
  });

  it('moves a digest update to the running tag', () => {
    const digest = result({ kind: 'digest', candidates: { patch: null, minor: null, major: null } });
    expect(availableBumps(digest)).toEqual(['digest']);
    expect(updateTarget('nginx', digest).target).toEqual({ bump: 'digest', tag: '1.25.0', digest: DIGEST });
  });

  it('refuses what the image does not have, and a tag no registry may name', () => {
    expect(() => updateTarget('nginx', null)).toThrow(/was not checked yet/);
    expect(() => updateTarget('nginx', result({ kind: 'none' }))).toThrow(/is up to date/);
    expect(() =>
      updateTarget('nginx', result({ candidates: { patch: null, minor: null, major: '2.0.0' } }), 'minor'),
    ).toThrow(new NoSuchUpdateError('nginx', 'minor', 'has no minor update; pick one of: major (2.0.0)'));
    expect(() =>
      updateTarget('nginx', result({ candidates: { patch: null, minor: null, major: '2.0;$(id)' } })),
    ).toThrow(/candidate "2\.0;\$\(id\)" that is not a valid tag/);
  });
});
