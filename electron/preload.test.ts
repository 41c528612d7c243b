// The object the preload exposes as `window.cupdate`, checked through createPreloadBridge with an
// in-test stand-in for Electron's ipcRenderer (invoke/on/removeListener shaped like Electron's).
import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../internal/api/contract.js';
import { API_METHODS, IPC_CHANNELS, type InvokeReply } from './ipc-protocol.js';
import { createPreloadBridge, type IpcRendererPort } from './preload-bridge.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

class StandInIpcRenderer implements IpcRendererPort {
  readonly invoked: unknown[][] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  reply: InvokeReply = { ok: true, result: null };
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.reply;
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? [])
      listener({ sender: 'the ipcRenderer' }, ...args);
  }
}

describe("the preload bridge (stand-in ipcRenderer shaped like Electron's)", () => {
  it('exposes exactly invoke and subscribe, as functions', () => {
    const bridge = createPreloadBridge(new StandInIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.subscribe).toBe('function');
  });

  it('lists every method of the contract once', () => {
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    expect(API_METHODS).toContain('snapshot' satisfies ApiMethod);
  });

  it('sends a contract method on cupdate:invoke and resolves with the result', async () => {
    const ipc = new StandInIpcRenderer();
    ipc.reply = { ok: true, result: { queued: true } };
    const result = await createPreloadBridge(ipc).invoke('checkNow', { reference: 'nginx:1.25' });
    expect(result).toEqual({ queued: true });
    expect(ipc.invoked).toEqual([[IPC_CHANNELS.invoke, 'checkNow', { reference: 'nginx:1.25' }]]);
  });

  it('rejects an unknown method name without sending anything', async () => {
    const ipc = new StandInIpcRenderer();
    const bridge = createPreloadBridge(ipc);
    const invoke = bridge.invoke as (method: string, params: unknown) => Promise<unknown>;
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString']) {
      await expect(invoke(name, {})).rejects.toEqual({
        code: 'unknown-method',
        message: expect.stringContaining(name),
      });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('rejects with the API error body main answered', async () => {
    const ipc = new StandInIpcRenderer();
    ipc.reply = { ok: false, error: { code: 'not-found', message: 'getImage: no image x' } };
    await expect(createPreloadBridge(ipc).invoke('getImage', { reference: 'x' })).rejects.toEqual({
      code: 'not-found',
      message: 'getImage: no image x',
    });
  });

  it('passes events as (name, event) without the IPC event, and unsubscribes', () => {
    const ipc = new StandInIpcRenderer();
    const heard: unknown[][] = [];
    const unsubscribe = createPreloadBridge(ipc).subscribe((...args: unknown[]) => heard.push(args));
    ipc.emit(IPC_CHANNELS.event, 'graph-reset', { sequence: 1 });
    ipc.emit(IPC_CHANNELS.event, 'updates-found', { references: ['a'] });
    expect(heard).toEqual([
      ['graph-reset', { sequence: 1 }],
      ['updates-found', { references: ['a'] }],
    ]);
    unsubscribe();
    ipc.emit(IPC_CHANNELS.event, 'graph-reset', { sequence: 2 });
    expect(heard).toHaveLength(2);
    expect(ipc.listeners.get(IPC_CHANNELS.event)?.size).toBe(0);
  });
});
