import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../graph/types.js';
import { openStore, type Store } from './store.js';
import { dockerGraph, processedDone } from './testing/sample-data.js';

function clockedStore(): { store: Store; tick: (ms: number) => void } {
  let time = 1_000_000;
  return { store: openStore(':memory:', { now: () => time }), tick: (ms) => void (time += ms) };
}

function report(store: Store, platform: string, references: string[]) {
  const { nodes, edges } = dockerGraph(platform, references);
  return store.replacePlatformGraph(platform, nodes, edges);
}

describe('replacePlatformGraph', () => {
  it('returns which references appeared and which now run nowhere, across platforms', () => {
    const { store } = clockedStore();
    expect(report(store, 'docker:a', ['nginx:1', 'redis:7'])).toEqual({
      appeared: ['nginx:1', 'redis:7'],
      disappeared: [],
    });
    // redis also runs on b: not new.
    expect(report(store, 'docker:b', ['redis:7', 'postgres:16'])).toEqual({
      appeared: ['postgres:16'],
      disappeared: [],
    });
    // a drops both: nginx runs nowhere now, redis still runs on b.
    expect(report(store, 'docker:a', [])).toEqual({ appeared: [], disappeared: ['nginx:1'] });
    // nginx comes back: appeared again.
    expect(report(store, 'docker:b', ['redis:7', 'postgres:16', 'nginx:1'])).toEqual({
      appeared: ['nginx:1'],
      disappeared: [],
    });
    store.close();
  });

  it('keeps a disappeared image and its result, hidden from lists unless asked for', () => {
    const { store, tick } = clockedStore();
    report(store, 'docker:a', ['nginx:1']);
    store.saveProcessed(processedDone('nginx:1', 'minor'));
    tick(500);
    report(store, 'docker:a', []);
    const page = { sort: 'name', order: 'asc', limit: 10, offset: 0 } as const;
    expect(store.listImages(page).total).toBe(0);
    expect(store.listImages({ ...page, includeDisappeared: true }).items[0]).toMatchObject({
      reference: 'nginx:1',
      disappearedAt: 1_000_500,
      update: { kind: 'minor' },
    });
    expect(store.summary().total).toBe(0);
    expect(
      store.history({ limit: 10 }).map((entry) => `${entry.kind} ${entry.reference} ${entry.at}`),
    ).toEqual(['disappeared nginx:1 1000500', 'appeared nginx:1 1000000']);
    store.close();
  });

  it('answers where an image runs with the graph above it, per platform', () => {
    const { store } = clockedStore();
    report(store, 'docker:a', ['nginx:1', 'redis:7']);
    report(store, 'docker:b', ['nginx:1']);
    const runsOn = store.getImage('nginx:1')?.runsOn;
    expect(runsOn?.nodes.map((node) => node.id)).toEqual([
      'docker:a/container/c0',
      'docker:a/docker-host/local',
      'docker:a/image/nginx:1',
      'docker:b/container/c0',
      'docker:b/docker-host/local',
      'docker:b/image/nginx:1',
    ]);
    expect(runsOn?.edges).toContainEqual({ from: 'docker:b/container/c0', to: 'docker:b/docker-host/local' });
    expect(runsOn?.edges).not.toContainEqual({ from: 'docker:a/image/redis:7', to: 'docker:a/container/c1' });
    expect(runsOn?.nodes.find((node) => node.kind === 'container')).toMatchObject({
      role: 'container',
      state: 'running',
    });
    store.close();
  });

  it('stores image nodes without a reference but creates no image for them', () => {
    const { store } = clockedStore();
    const node: GraphNode = {
      id: 'docker:a/image/sha256:abc',
      kind: 'image',
      platform: 'docker:a',
      name: 'sha256:abc',
      unresolvable: 'started from an image id',
    };
    expect(store.replacePlatformGraph('docker:a', [node], [])).toEqual({ appeared: [], disappeared: [] });
    expect(store.summary().total).toBe(0);
    store.close();
  });

  it('refuses a graph with foreign nodes, duplicate ids or dangling edges, and changes nothing', () => {
    const { store } = clockedStore();
    report(store, 'docker:a', ['nginx:1']);
    const { nodes, edges } = dockerGraph('docker:a', ['redis:7']);
    const foreign = dockerGraph('docker:b', ['x:1']).nodes;
    expect(() => store.replacePlatformGraph('docker:a', [...nodes, ...foreign], edges)).toThrow(
      /belongs to platform docker:b, not docker:a/,
    );
    expect(() => store.replacePlatformGraph('docker:a', [...nodes, ...nodes], edges)).toThrow(/listed twice/);
    expect(() =>
      store.replacePlatformGraph('docker:a', nodes, [...edges, { from: 'docker:a/x', to: 'docker:a/y' }]),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        message: expect.stringContaining('docker:a/x → docker:a/y'),
      }),
    );
    expect(
      store.listImages({ sort: 'name', order: 'asc', limit: 10, offset: 0 }).items.map((i) => i.reference),
    ).toEqual(['nginx:1']);
    store.close();
  });
});

describe('dueForCheck', () => {
  it('lists never-checked images first, then the longest unchecked, skipping fresh and in-progress ones', () => {
    const { store, tick } = clockedStore();
    report(store, 'docker:a', ['a:1', 'b:1', 'c:1', 'd:1', 'e:1']);
    store.saveProcessed(processedDone('a:1', 'none', { at: 1_000_000 - 7_200_000 })); // checked 2 h ago
    store.saveProcessed(processedDone('b:1', 'none', { at: 1_000_000 - 3_600_000 })); // 1 h ago
    store.saveProcessed(processedDone('c:1', 'none', { at: 1_000_000 - 60_000 })); // 1 min ago: fresh
    store.markProcessing('d:1');
    expect(store.dueForCheck(1_800_000, 10)).toEqual(['e:1', 'a:1', 'b:1']);
    expect(store.dueForCheck(1_800_000, 2)).toEqual(['e:1', 'a:1']);
    tick(3_600_000);
    expect(store.dueForCheck(1_800_000, 10)).toEqual(['e:1', 'a:1', 'b:1', 'c:1']);
    expect(() => store.dueForCheck(-1, 10)).toThrow(/dueForCheck olderThanMs must be a whole number/);
    expect(() => store.dueForCheck(0, 0)).toThrow(/dueForCheck limit must be a whole number from 1/);
    store.close();
  });
});
