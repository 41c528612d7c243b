import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../../../internal/model/json.js';
import { parseExplanation } from '../lib/explanation.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import ExplanationTable from './ExplanationTable.svelte';

let mounted: Mounted | undefined;
afterEach(() => mounted?.destroy());

// As the store hands it back: JSON from internal/version's TagVerdict[].
const stored: Json = [
  { tag: '1.25.4', kept: true, bump: 'patch' },
  { tag: '1.26.0', kept: true, bump: 'minor' },
  { tag: '1.25.3', kept: false, reason: 'same', detail: '' },
  { tag: '1.24.0', kept: false, reason: 'older', detail: '1.24.0 < 1.25.3' },
  { tag: '1.27.0-alpine', kept: false, reason: 'suffix-differs', detail: '"alpine" vs ""' },
  { tag: 'latest', kept: false, reason: 'invalid', detail: '' },
  { tag: '1.26.0-rc.1', kept: false, reason: 'prerelease', detail: '' },
];

function rows(root: HTMLElement): string[][] {
  return [...root.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
  );
}

describe('ExplanationTable', () => {
  it('shows every tag with its verdict and reason', () => {
    mounted = mountInto(ExplanationTable, { verdicts: parseExplanation(stored) });
    expect(rows(mounted.target)).toEqual([
      ['1.25.4', 'kept', 'Candidate for a patch update'],
      ['1.26.0', 'kept', 'Candidate for a minor update'],
      ['1.25.3', 'dropped', 'Same version as the current one'],
      ['1.24.0', 'dropped', 'Older than the current version — 1.24.0 < 1.25.3'],
      ['1.27.0-alpine', 'dropped', 'Different variant suffix — "alpine" vs ""'],
      ['latest', 'dropped', 'Not a version'],
      ['1.26.0-rc.1', 'dropped', 'Prerelease'],
    ]);
    expect(mounted.target.textContent).toContain('7 tags · 2 kept · 5 dropped');
  });

  it('can hide the dropped tags', async () => {
    mounted = mountInto(ExplanationTable, { verdicts: parseExplanation(stored) });
    const toggle = mounted.target.querySelector<HTMLInputElement>('input[type="checkbox"]');
    toggle?.click();
    await settled();
    expect(rows(mounted.target).map(([tag]) => tag)).toEqual(['1.25.4', '1.26.0']);
  });

  it('says so when no explanation was recorded', () => {
    mounted = mountInto(ExplanationTable, { verdicts: [] });
    expect(mounted.target.textContent).toContain('No tag explanation was recorded');
  });
});

describe('parseExplanation', () => {
  it('leaves out entries of an unknown shape instead of guessing', () => {
    const verdicts = parseExplanation([
      { tag: '2.0', kept: true, bump: 'major' },
      { tag: '2.1', kept: true, bump: 'huge' },
      { tag: '2.2', kept: false, reason: 'made-up', detail: '' },
      'not an object',
      { kept: true, bump: 'minor' },
    ]);
    expect(verdicts).toEqual([{ tag: '2.0', kept: true, bump: 'major' }]);
    expect(parseExplanation({ not: 'an array' })).toEqual([]);
  });
});
