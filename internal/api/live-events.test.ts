import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEventName, ApiEvents } from './contract.js';
import { LiveEvents } from './live-events.js';
import type { GraphPatch } from '../graph/types.js';
import type { StoreSummary } from '../model/summary.js';

const SUMMARY: StoreSummary = {
  total: 1,
  outdated: { major: 0, minor: 0, patch: 0, digest: 0 },
  upToDate: 1,
  vulnerable: 0,
  failed: 0,
  processing: 0,
  pending: 0,
};

function patch(index: number): GraphPatch {
  return {
    op: 'add-node',
    node: { id: `static:/l/image/${index}`, kind: 'image', platform: 'static:/l', name: `i${index}` },
  };
}

const QUEUE = { queued: 3, running: 1 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LiveEvents', () => {
  let live: LiveEvents | undefined;
  afterEach(() => live?.close());

  function record(options: { patchWindowMs?: number; summaryIntervalMs?: number } = {}) {
    let summaries = 0;
    live = new LiveEvents({
      patchWindowMs: 20,
      summaryIntervalMs: 60,
      ...options,
      summary: () => {
        summaries++;
        return SUMMARY;
      },
      queue: () => QUEUE,
    });
    const events: { name: ApiEventName; event: unknown }[] = [];
    live.subscribe((name, event) => events.push({ name, event }));
    return { live, events, summaries: () => summaries };
  }

  it('coalesces a burst of 1,000 patches into a handful of graph-patch events with contiguous sequences', async () => {
    const { live, events } = record();
    for (let index = 0; index < 1000; index++) {
      live.patched([patch(index)]);
      if (index % 250 === 249) await sleep(25); // the burst spans several windows
    }
    await sleep(40);
    const patches = events
      .filter((e) => e.name === 'graph-patch')
      .map((e) => e.event as ApiEvents['graph-patch']);
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches.length).toBeLessThanOrEqual(8);
    expect(patches.map((p) => p.sequence)).toEqual(patches.map((_, index) => index + 1));
    expect(patches.flatMap((p) => p.patches)).toEqual(
      Array.from({ length: 1000 }, (_, index) => patch(index)),
    );
    expect(live.sequence).toBe(patches.length);
  });

  it('flush() sends pending patches at once, so a snapshot taken after it covers them', () => {
    const { live, events } = record({ patchWindowMs: 10_000 });
    live.patched([patch(1)]);
    live.patched([patch(2)]);
    expect(events).toEqual([]);
    live.flush();
    expect(events).toEqual([{ name: 'graph-patch', event: { sequence: 1, patches: [patch(1), patch(2)] } }]);
    live.flush();
    expect(events).toHaveLength(1);
  });

  it('sends at most one summary per interval, only when something changed', async () => {
    const { live, events, summaries } = record();
    for (let index = 0; index < 50; index++) live.changed();
    await sleep(90);
    expect(events.filter((e) => e.name === 'summary')).toEqual([{ name: 'summary', event: SUMMARY }]);
    // The queue counts go out with it, once: the renderer never rebuilds them from progress events.
    expect(events.filter((e) => e.name === 'queue')).toEqual([{ name: 'queue', event: QUEUE }]);
    await sleep(90);
    expect(summaries()).toBe(1);
    live.changed();
    await sleep(90);
    expect(summaries()).toBe(2);
  });

  it('reset drops the pending patches of the old graph and sends graph-reset with the next sequence', async () => {
    const { live, events } = record();
    live.patched([patch(1)]);
    live.flush();
    live.patched([patch(2)]);
    live.reset();
    await sleep(40);
    expect(events.filter((e) => e.name !== 'summary' && e.name !== 'queue')).toEqual([
      { name: 'graph-patch', event: { sequence: 1, patches: [patch(1)] } },
      { name: 'graph-reset', event: { sequence: 2 } },
    ]);
  });

  it('a throwing listener does not keep the event from the others', () => {
    const { live, events } = record();
    const errors: unknown[] = [];
    const other = new LiveEvents({
      summary: () => SUMMARY,
      queue: () => QUEUE,
      onListenerError: (error) => errors.push(error),
    });
    other.subscribe(() => {
      throw new Error('client gone');
    });
    const seen: string[] = [];
    other.subscribe((name) => seen.push(name));
    other.pass('updates-found', { references: ['a'] });
    expect(seen).toEqual(['updates-found']);
    expect(errors).toHaveLength(1);
    other.close();
    expect(events).toEqual([]);
    expect(live.sequence).toBe(0);
  });
});
