import { describe, expect, it } from 'vitest';
import type { RecentUpdateView } from '../../../internal/api/contract.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { FindingsStore } from './findings.svelte.js';

const earlier: RecentUpdateView[] = [
  { reference: 'r/a:1', at: 100, kind: 'minor', latestReference: 'r/a:1.1' },
  { reference: 'r/b:1', at: 90, kind: 'major', latestReference: 'r/b:2' },
];

describe('FindingsStore (fake bridge)', () => {
  it('puts what this window saw above the history, once each, and leaves up-to-date images out', async () => {
    const store = new FindingsStore(fakeBridge({ recentUpdates: () => earlier }), () => 500);
    store.updated({ reference: 'r/b:1', kind: 'patch', latestReference: 'r/b:1.0.1', error: null });
    store.updated({ reference: 'r/c:1', kind: 'none', latestReference: null, error: null });
    store.updated({ reference: 'r/d:1', kind: null, latestReference: null, error: 'registry answered 401' });
    await store.load();
    await store.load(); // a retry adds nothing twice
    expect(store.recent.map((f) => `${f.reference} ${f.kind} ${f.at}`)).toEqual([
      'r/d:1 null 500',
      'r/b:1 patch 500',
      'r/a:1 minor 100',
    ]);
    expect(store.error).toBeNull();
  });

  it('keeps the live findings and says why when the history cannot be read', async () => {
    const store = new FindingsStore(
      fakeBridge({
        recentUpdates: () => {
          throw { code: 'unavailable', message: 'the store is being migrated: try again' };
        },
      }),
    );
    store.updated({ reference: 'r/a:1', kind: 'major', latestReference: 'r/a:2', error: null });
    await store.load();
    expect(store.error).toBe('the store is being migrated: try again');
    expect(store.recent.map((f) => f.reference)).toEqual(['r/a:1']);
  });
});
