import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBridge } from '../testing/fake-bridge.js';
import { populatedHandlers } from '../testing/fixtures.js';
import { ImageChecksStore } from './image-checks.js';
import { ImageListStore } from './image-list.svelte.js';

afterEach(() => vi.useRealTimers());

const checked = (reference: string) => ({
  reference,
  kind: 'minor' as const,
  latestReference: null,
  error: null,
});

describe('ImageListStore (fake bridge)', () => {
  it('reloads the pages on hand once a second at most while checks finish, and stops when disposed', async () => {
    vi.useFakeTimers();
    const bridge = fakeBridge(populatedHandlers(500));
    const checks = new ImageChecksStore();
    const list = new ImageListStore(bridge, checks, { sort: 'name', order: 'asc' }, 200);
    await list.ensure(0, 450); // pages 0, 1 and 2
    const listed = () => bridge.calls.filter((call) => call.method === 'listImages').length;
    expect(listed()).toBe(3);
    for (const n of [1, 2, 3]) checks.updated(checked(`r/${n}:1`));
    await vi.advanceTimersByTimeAsync(999);
    expect(listed()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(listed()).toBe(6); // the three pages once, for three checks
    list.dispose();
    checks.updated(checked('r/4:1'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(listed()).toBe(6);
    expect(list.total).toBe(500);
  });
});
