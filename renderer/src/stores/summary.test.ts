import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../../internal/model/summary.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { summary } from '../testing/fixtures.js';
import { SummaryStore } from './summary.svelte.js';

describe('SummaryStore (fake bridge)', () => {
  it('keeps a summary that a snapshot or an event brought while its own call was on the way', async () => {
    let answer: ((value: StoreSummary) => void) | undefined;
    const store = new SummaryStore(
      fakeBridge({ summary: () => new Promise((resolve) => (answer = resolve)) }),
    );
    const loading = store.load();
    store.set({ ...summary, total: 7 });
    answer?.({ ...summary, total: 3 });
    await loading;
    expect(store.value?.total).toBe(7);
  });

  it('says why it could not load, and a retry that works replaces the failure', async () => {
    let fail = true;
    const store = new SummaryStore(
      fakeBridge({
        summary: () => {
          if (fail) throw { code: 'unavailable', message: 'The core is starting: try again.' };
          return summary;
        },
      }),
    );
    await store.load();
    expect(store.current).toEqual({ state: 'failed', message: 'The core is starting: try again.' });
    expect(store.value).toBeNull();
    fail = false;
    await store.load();
    expect(store.value).toEqual(summary);
  });
});
