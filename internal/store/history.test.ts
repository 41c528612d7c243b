import { describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import { dockerGraph, processedDone } from './testing/sample-data.js';

describe('history', () => {
  it('lists changes newest first, bounded by since and limit, and recent updates by themselves', () => {
    let time = 1_000;
    const store = openStore(':memory:', { now: () => time });
    const { nodes, edges } = dockerGraph('docker:a', ['nginx:1', 'redis:7']);
    store.replacePlatformGraph('docker:a', nodes, edges); // appeared ×2 at 1000
    store.saveProcessed({
      ...processedDone('nginx:1', 'minor', { at: 2_000 }),
      history: [{ kind: 'update-found', details: { to: 'nginx:1.1' } }],
    });
    store.saveProcessed({
      ...processedDone('redis:7', 'digest', { at: 3_000 }),
      history: [{ kind: 'digest-changed' }, { kind: 'update-found', details: { to: 'redis:7@sha256:b' } }],
    });
    time = 4_000;
    const only = dockerGraph('docker:a', ['redis:7']);
    store.replacePlatformGraph('docker:a', only.nodes, only.edges); // nginx disappeared at 4000

    const line = (e: { kind: string; reference: string; at: number }) => `${e.at} ${e.kind} ${e.reference}`;
    expect(store.history({ limit: 100 }).map(line)).toEqual([
      '4000 disappeared nginx:1',
      '3000 update-found redis:7', // same time: the later write first
      '3000 digest-changed redis:7',
      '2000 update-found nginx:1',
      '1000 appeared redis:7',
      '1000 appeared nginx:1',
    ]);
    expect(store.history({ since: 3_000, limit: 100 }).map(line)).toHaveLength(3);
    expect(store.history({ limit: 1 }).map(line)).toEqual(['4000 disappeared nginx:1']);
    expect(store.history({ limit: 100 }).find((e) => e.kind === 'digest-changed')?.details).toBeNull();
    expect(store.recentUpdates(10).map((e) => [e.reference, e.details])).toEqual([
      ['redis:7', { to: 'redis:7@sha256:b' }],
      ['nginx:1', { to: 'nginx:1.1' }],
    ]);
    expect(() => store.history({ limit: 0 })).toThrow(/history limit must be a whole number/);
    store.close();
  });
});
