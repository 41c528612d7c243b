// The live feed and the stores it keeps current, on a fake bridge (no core runs in the renderer's
// tests): the fake answers `snapshot` from a script, each answer held until the test releases it,
// and the test pushes events in any order, as the HTTP and IPC transports may deliver them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvents, Snapshot } from '../../../internal/api/contract.js';
import type { GraphEdge, GraphNode, GraphPatch } from '../../../internal/graph/types.js';
import { fakeBridge, type FakeBridge } from '../testing/fake-bridge.js';
import { summary as fixtureSummary } from '../testing/fixtures.js';
import { createStores, type Stores } from './create-stores.js';
import type { GraphChange } from './graph.svelte.js';

const P = 'static:/l';
const LIST: GraphNode = {
  id: `${P}/static-list/l`,
  kind: 'static-list',
  platform: P,
  name: '/l',
  path: '/l',
};
const image = (name: string): GraphNode => ({
  id: `${P}/image/${name}`,
  kind: 'image',
  platform: P,
  name,
  reference: `docker.io/library/${name}:1`,
});
const onList = (name: string): GraphEdge => ({ from: image(name).id, to: LIST.id });

/** A static list running `names`, at `sequence`. */
function snapshotAt(sequence: number, names: string[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    sequence,
    graph: { nodes: [LIST, ...names.map(image)], edges: names.map(onList) },
    summary: { ...fixtureSummary, total: names.length },
    platforms: [{ id: P, type: 'static', name: '/l', status: { state: 'live' } }],
    queue: { queued: 0, running: 0 },
    images: [],
    ...extra,
  };
}

const added = (name: string): GraphPatch[] => [
  { op: 'add-node', node: image(name) },
  { op: 'add-edge', edge: onList(name) },
];
const removed = (name: string): GraphPatch[] => [{ op: 'remove-node', id: image(name).id }];

/** A bridge whose snapshot answers wait for `answer()`, one per call, in call order. */
function scriptedBridge(): FakeBridge & {
  snapshotCalls(): number;
  answer(snapshot: Snapshot | Error): Promise<void>;
} {
  const waiting: ((snapshot: Snapshot | Error) => void)[] = [];
  let calls = 0;
  const bridge = fakeBridge({
    summary: () => fixtureSummary,
    recentUpdates: () => [],
    snapshot: () => {
      calls += 1;
      return new Promise<Snapshot>((resolve, reject) =>
        waiting.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))),
      );
    },
  });
  return Object.assign(bridge, {
    snapshotCalls: () => calls,
    async answer(snapshot: Snapshot | Error) {
      const next = waiting.shift();
      if (next === undefined) throw new Error('no snapshot request is waiting for an answer');
      next(snapshot);
      await settle();
    },
  });
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
const names = (stores: Stores): string[] => stores.graph.model.placements.map((p) => p.image.name).sort();
const patch = (sequence: number, patches: GraphPatch[]): ApiEvents['graph-patch'] => ({ sequence, patches });

let stores: Stores | undefined;
afterEach(() => {
  stores?.dispose();
  vi.restoreAllMocks();
});

function start(bridge: FakeBridge) {
  stores = createStores(bridge);
  const changes: string[] = [];
  stores.graph.subscribe((change: GraphChange) =>
    changes.push(change.type === 'snapshot' ? 'snapshot' : `patch ${[...change.holders].join(',')}`),
  );
  return { stores, changes };
}

describe('the live feed: one snapshot, then numbered patches (fake bridge)', () => {
  it('applies patches in sequence order to the one graph, skipping those the snapshot holds', async () => {
    const bridge = scriptedBridge();
    const { stores, changes } = start(bridge);
    expect(stores.graph.sequence).toBeNull();
    await bridge.answer(snapshotAt(5, ['a']));
    bridge.emit('graph-patch', patch(5, added('old'))); // already in the snapshot
    bridge.emit('graph-patch', patch(6, added('b')));
    bridge.emit('graph-patch', patch(7, removed('a')));
    expect(bridge.snapshotCalls()).toBe(1);
    expect(stores.graph.sequence).toBe(7);
    expect(names(stores)).toEqual(['b']);
    expect(changes).toEqual(['snapshot', `patch ${LIST.id}`, `patch ${LIST.id}`]);
  });

  it('on a gap fetches exactly one snapshot, then applies what arrived meanwhile and is newer', async () => {
    const bridge = scriptedBridge();
    const { stores } = start(bridge);
    await bridge.answer(snapshotAt(5, ['a']));
    bridge.emit('graph-patch', patch(8, added('x'))); // 6 and 7 were missed
    bridge.emit('graph-patch', patch(9, added('c'))); // arrives while fetching, and is in the snapshot
    bridge.emit('graph-patch', patch(10, added('d'))); // arrives while fetching, newer than it
    expect(bridge.snapshotCalls()).toBe(2);
    expect(names(stores)).toEqual(['a']); // nothing applied across the gap
    await bridge.answer(snapshotAt(9, ['a', 'c', 'x']));
    expect(bridge.snapshotCalls()).toBe(2);
    expect(stores.graph.sequence).toBe(10);
    expect(names(stores)).toEqual(['a', 'c', 'd', 'x']);
  });

  it('on graph-reset fetches a new snapshot; a reset during a fetch fetches once more after it', async () => {
    const bridge = scriptedBridge();
    const { stores, changes } = start(bridge);
    await bridge.answer(snapshotAt(1, ['a']));
    bridge.emit('graph-reset', { sequence: 2 });
    bridge.emit('graph-reset', { sequence: 3 }); // the snapshot in flight may be of the old graph
    bridge.emit('graph-patch', patch(4, added('n')));
    await bridge.answer(snapshotAt(2, ['z']));
    expect(bridge.snapshotCalls()).toBe(3); // asked again at once
    expect(names(stores)).toEqual(['a']); // the stale answer was not drawn
    await bridge.answer(snapshotAt(3, ['y']));
    expect(bridge.snapshotCalls()).toBe(3);
    expect(names(stores)).toEqual(['n', 'y']);
    expect(changes).toEqual(['snapshot', 'snapshot', `patch ${LIST.id}`]);
  });

  it('fetches a new snapshot when a patch does not fit the graph (something was missed)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bridge = scriptedBridge();
    const { stores } = start(bridge);
    await bridge.answer(snapshotAt(1, ['a']));
    bridge.emit('graph-patch', patch(2, [{ op: 'add-edge', edge: onList('never-added') }]));
    expect(stores.graph.sequence).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('graph patch 2 did not apply'),
      expect.any(Error),
    );
    await bridge.answer(snapshotAt(2, ['a', 'b']));
    expect(bridge.snapshotCalls()).toBe(2);
    expect(names(stores)).toEqual(['a', 'b']);
  });

  it('shows why a snapshot failed, asks again once when the core speaks again, and clears the error', async () => {
    const bridge = scriptedBridge();
    const { stores } = start(bridge);
    await bridge.answer(new Error('the Cupdate server cannot be reached (snapshot); is it still running?'));
    expect(stores.graph.error).toBe('the Cupdate server cannot be reached (snapshot); is it still running?');
    expect(bridge.snapshotCalls()).toBe(1); // no retry loop while nothing happens
    bridge.emit('graph-patch', patch(3, added('b')));
    bridge.emit('graph-patch', patch(4, added('c')));
    expect(bridge.snapshotCalls()).toBe(2);
    await bridge.answer(new Error('still starting'));
    expect(stores.graph.error).toBe('still starting');
    expect(bridge.snapshotCalls()).toBe(2);
    const retried = stores.graph.retry();
    await bridge.answer(snapshotAt(4, ['a', 'b', 'c']));
    await retried;
    expect(stores.graph.error).toBeNull();
    expect(names(stores)).toEqual(['a', 'b', 'c']);
  });

  it('hands each part of the snapshot to its store, then keeps each store current from its events', async () => {
    const bridge = scriptedBridge();
    const { stores } = start(bridge);
    await bridge.answer(
      snapshotAt(1, ['a', 'b'], {
        images: [
          { reference: 'docker.io/library/a:1', kind: 'minor', error: null },
          { reference: 'docker.io/library/b:1', kind: null, error: 'registry said no' },
        ],
        queue: { queued: 2, running: 0 },
      }),
    );
    expect(stores.summary.value?.total).toBe(2);
    expect(stores.platforms.statusOf(P)).toEqual({ state: 'live' });
    expect(stores.progress.scan).toEqual({ queued: 2, running: 0, done: 0, failed: 0 });
    expect(Object.fromEntries(stores.checks.updates)).toEqual({
      'docker.io/library/a:1': { kind: 'minor', error: null },
      'docker.io/library/b:1': { kind: null, error: 'registry said no' },
    });

    const told: (string | null)[] = [];
    stores.checks.subscribe((reference) => told.push(reference));
    bridge.emit('summary', { ...fixtureSummary, total: 3 });
    bridge.emit('platform-status', { platform: P, status: { state: 'degraded', reason: 'slow disk' } });
    bridge.emit('progress', { type: 'running', reference: 'docker.io/library/b:1' });
    bridge.emit('queue', { queued: 1, running: 1 });
    bridge.emit('image-updated', {
      reference: 'docker.io/library/b:1',
      kind: 'major',
      latestReference: 'docker.io/library/b:2',
      error: null,
    });
    bridge.emit('updates-found', { references: ['docker.io/library/b:1'] });
    expect(stores.summary.value?.total).toBe(3);
    expect(stores.platforms.statusOf(P)).toEqual({ state: 'degraded', reason: 'slow disk' });
    expect(stores.progress.scan).toEqual({ queued: 1, running: 1, done: 0, failed: 0 });
    expect(stores.checks.updates.get('docker.io/library/b:1')).toEqual({ kind: 'major', error: null });
    expect(told).toEqual(['docker.io/library/b:1']);
    expect(stores.findings.recent.map((f) => `${f.reference} ${f.kind}`)).toEqual([
      'docker.io/library/b:1 major',
    ]);
  });

  it('hears nothing more once disposed', async () => {
    const bridge = scriptedBridge();
    const { stores } = start(bridge);
    await bridge.answer(snapshotAt(1, ['a']));
    stores.dispose();
    bridge.emit('graph-patch', patch(2, added('b')));
    bridge.emit('summary', { ...fixtureSummary, total: 99 });
    expect(names(stores)).toEqual(['a']);
    expect(stores.summary.value?.total).toBe(1);
  });
});
