// The HTTP bridge against a fake fetch and EventSource that follow the browser's documented
// behaviour (the stores' handling of the events is tested in stores/live-feed.test.ts).
import { describe, expect, it } from 'vitest';
import { BridgeError, createHttpBridge } from './bridge.js';

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
