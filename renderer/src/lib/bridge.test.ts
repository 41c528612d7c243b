// createLiveState against a fake bridge (no core runs in the renderer's tests): the fake answers
// `snapshot` from a script and lets the test push events in any order. The HTTP bridge against a
// fake fetch and EventSource that follow the browser's documented behaviour.
import { describe, expect, it } from 'vitest';
import type { ApiEventName, ApiEvents, CupdateBridge, Snapshot } from '../../../internal/api/contract.js';
import { BridgeError, createHttpBridge, createLiveState } from './bridge.js';

type Node = Snapshot['graph']['nodes'][number];

const node = (name: string): Node => ({
  id: `static:/l/image/${name}`,
  kind: 'image',
  platform: 'static:/l',
  name,
});

function snapshotAt(sequence: number, nodes: Node[], images: Snapshot['images'] = []): Snapshot {
  return {
    sequence,
    graph: { nodes, edges: [] },
    summary: {
      total: nodes.length,
      outdated: { major: 0, minor: 0, patch: 0, digest: 0 },
      upToDate: 0,
      vulnerable: 0,
      failed: 0,
      processing: 0,
      pending: nodes.length,
    },
    platforms: [{ id: 'static:/l', type: 'static', name: '/l', status: { state: 'live' } }],
    queue: { queued: 0, running: 0 },
    images,
  };
}

/** A fake bridge: `snapshots` are answered in turn; `emit` delivers an event to the subscriber. */
function fakeBridge(snapshots: Snapshot[]) {
  let listener: Parameters<CupdateBridge['subscribe']>[0] | undefined;
  let snapshotCalls = 0;
  const bridge: CupdateBridge = {
    invoke: (async (method: string) => {
      if (method !== 'snapshot') throw new Error(`unexpected ${method}`);
      const answer = snapshots[Math.min(snapshotCalls, snapshots.length - 1)];
      snapshotCalls++;
      return answer;
    }) as CupdateBridge['invoke'],
    subscribe(next) {
      listener = next;
      return () => {
        listener = undefined;
      };
    },
  };
  return {
    bridge,
    emit: <E extends ApiEventName>(name: E, event: ApiEvents[E]) => listener?.(name, event),
    snapshotCalls: () => snapshotCalls,
    subscribed: () => listener !== undefined,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLiveState (fake bridge)', () => {
  it('applies in-order patches without fetching another snapshot', async () => {
    const fake = fakeBridge([snapshotAt(5, [node('a')])]);
    const live = createLiveState(fake.bridge);
    await settle();
    fake.emit('graph-patch', { sequence: 5, patches: [{ op: 'add-node', node: node('old') }] }); // already in it
    fake.emit('graph-patch', { sequence: 6, patches: [{ op: 'add-node', node: node('b') }] });
    fake.emit('graph-patch', { sequence: 7, patches: [{ op: 'remove-node', id: node('a').id }] });
    await settle();
    expect(fake.snapshotCalls()).toBe(1);
    expect(live.snapshot?.sequence).toBe(7);
    expect(live.snapshot?.graph.nodes.map((n) => n.name)).toEqual(['b']);
    live.dispose();
    expect(fake.subscribed()).toBe(false);
  });

  it('knows the update of every image checked before the page loaded, from the snapshot', async () => {
    const images = [
      { reference: 'docker.io/library/a:1', kind: 'minor' as const, error: null },
      { reference: 'docker.io/library/b:1', kind: null, error: 'registry said no' },
    ];
    const fake = fakeBridge([snapshotAt(3, [node('a'), node('b')], images)]);
    const live = createLiveState(fake.bridge);
    await settle();
    expect(Object.fromEntries(live.imageUpdates)).toEqual({
      'docker.io/library/a:1': { kind: 'minor', error: null },
      'docker.io/library/b:1': { kind: null, error: 'registry said no' },
    });
    live.dispose();
  });

  it('fetches exactly one new snapshot on a gap, then applies what follows it', async () => {
    const fake = fakeBridge([snapshotAt(5, [node('a')]), snapshotAt(9, [node('a'), node('c')])]);
    const live = createLiveState(fake.bridge);
    await settle();
    fake.emit('graph-patch', { sequence: 8, patches: [{ op: 'add-node', node: node('x') }] }); // 6 and 7 were missed
    fake.emit('graph-patch', { sequence: 9, patches: [{ op: 'add-node', node: node('c') }] }); // arrives while fetching
    fake.emit('graph-patch', { sequence: 10, patches: [{ op: 'add-node', node: node('d') }] });
    await settle();
    await settle();
    expect(fake.snapshotCalls()).toBe(2);
    expect(live.snapshot?.sequence).toBe(10);
    expect(live.snapshot?.graph.nodes.map((n) => n.name)).toEqual(['a', 'c', 'd']);
  });

  it('fetches a new snapshot on graph-reset and keeps platform status and image updates current', async () => {
    const fake = fakeBridge([snapshotAt(1, [node('a')]), snapshotAt(2, [node('z')])]);
    const live = createLiveState(fake.bridge);
    const seen: string[] = [];
    live.subscribe((change) => seen.push(`${change.type}@${live.snapshot?.sequence}`));
    await settle();
    fake.emit('platform-status', { platform: 'static:/l', status: { state: 'degraded', reason: 'slow' } });
    expect(live.snapshot?.platforms[0]?.status).toEqual({ state: 'degraded', reason: 'slow' });
    fake.emit('image-updated', { reference: 'r:1', kind: 'minor', latestReference: 'r:2', error: null });
    expect(live.imageUpdates.get('r:1')).toEqual({ kind: 'minor', error: null });
    fake.emit('graph-reset', { sequence: 2 });
    await settle();
    expect(fake.snapshotCalls()).toBe(2);
    expect(live.snapshot?.graph.nodes.map((n) => n.name)).toEqual(['z']);
    expect(seen).toEqual(['snapshot@1', 'image-updated@1', 'snapshot@2']);
  });
});

/** A fake EventSource with the browser's documented surface: named events, open/error, readyState. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  serverSends(name: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
}

describe('createHttpBridge (fake fetch and EventSource)', () => {
  it('posts params as JSON and turns an error answer into a BridgeError with the core message', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const bridge = createHttpBridge({
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, body: JSON.parse(String(init.body)) });
        return url.endsWith('/getImage')
          ? new Response(
              JSON.stringify({ code: 'invalid-params', message: 'getImage: reference must be…' }),
              { status: 400 },
            )
          : new Response(JSON.stringify({ total: 3 }), { status: 200 });
      }) as typeof fetch,
    });
    expect(await bridge.invoke('summary', {})).toEqual({ total: 3 });
    const failure = await bridge.invoke('getImage', { reference: '' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BridgeError);
    expect(failure).toMatchObject({ code: 'invalid-params', message: 'getImage: reference must be…' });
    expect(calls).toEqual([
      { url: '/api/summary', body: {} },
      { url: '/api/getImage', body: { reference: '' } },
    ]);
  });

  it('delivers SSE events, reopens a stream the browser closed, and says graph-reset after an interruption', async () => {
    FakeEventSource.opened = [];
    const bridge = createHttpBridge({
      EventSource: FakeEventSource as unknown as typeof EventSource,
      reconnectMs: 5,
    });
    const got: string[] = [];
    const unsubscribe = bridge.subscribe((name, event) => got.push(`${name}:${JSON.stringify(event)}`));
    const first = FakeEventSource.opened[0]!;
    expect(first.url).toBe('/api/events');
    first.readyState = FakeEventSource.OPEN;
    first.dispatchEvent(new Event('open'));
    first.serverSends('graph-patch', { sequence: 4, patches: [] });
    first.readyState = FakeEventSource.CLOSED;
    first.dispatchEvent(new Event('error'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = FakeEventSource.opened[1]!;
    second.dispatchEvent(new Event('open'));
    expect(got).toEqual(['graph-patch:{"sequence":4,"patches":[]}', 'graph-reset:{"sequence":4}']);
    unsubscribe();
    expect(second.readyState).toBe(FakeEventSource.CLOSED);
  });
});
