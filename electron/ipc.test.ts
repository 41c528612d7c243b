// The IPC binding with a real Session (in-memory store, a static list platform) behind it, and
// in-test stand-ins for Electron's ipcMain and webContents shaped like Electron's API (the Electron
// binary cannot run here). What the stand-ins model: `handle` stores one listener per channel and
// `invoke` calls it with an IpcMainInvokeEvent-like `{ sender, senderFrame: { url, parent } }`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventName } from '../internal/api/contract.js';
import { MemorySecretStore } from '../internal/api/secret-store.js';
import { openSession, type Session } from '../internal/api/session.js';
import {
  ForeignSenderError,
  bindApi,
  type InvokeEventPort,
  type IpcMainPort,
  type WebContentsPort,
} from './ipc.js';
import { IPC_CHANNELS, type InvokeReply } from './ipc-protocol.js';

type Handler = (event: InvokeEventPort, ...args: unknown[]) => Promise<unknown>;

class StandInIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: InvokeEventPort, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(IPC_CHANNELS.invoke);
    if (handler === undefined)
      return Promise.reject(new Error(`No handler registered for '${IPC_CHANNELS.invoke}'`));
    return handler(event, ...args);
  }
}

class StandInWebContents implements WebContentsPort {
  readonly sent: { channel: string; name: ApiEventName; event: unknown }[] = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, name: args[0] as ApiEventName, event: args[1] });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const PAGE = pathToFileURL('/opt/cupdate/renderer/dist/index.html').href;

describe('bindApi with stand-ins for ipcMain and webContents (no Electron binary here)', () => {
  let dir: string;
  let session: Session;
  const ipcMain = new StandInIpcMain();
  const contents = new StandInWebContents();
  let unbind: (() => void) | undefined;
  const fromPage = (url = `${PAGE}#/images`): InvokeEventPort => ({
    sender: contents,
    senderFrame: { url, parent: null },
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-ipc-'));
    session = await openSession({
      dataDir: ':memory:',
      secrets: new MemorySecretStore(),
      events: { patchWindowMs: 5 },
    });
    unbind = bindApi({ ipcMain, webContents: contents, pageUrl: PAGE, session });
  });

  afterAll(async () => {
    unbind?.();
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a contract method from our page with its result', async () => {
    const reply = (await ipcMain.invoke(fromPage(), 'getSettings', {})) as InvokeReply;
    expect(reply).toEqual({
      ok: true,
      result: {
        recheckIntervalMinutes: 10,
        notifications: true,
        githubTokenSet: false,
        registryCredentials: [],
      },
    });
  });

  it('refuses a method the contract does not have, with unknown-method', async () => {
    const reply = (await ipcMain.invoke(fromPage(), 'deleteEverything', {})) as InvokeReply;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('unknown-method');
    expect(!reply.ok && reply.error.message).toContain('"deleteEverything"');
  });

  it('answers invalid params with invalid-params naming the field, and only code and message cross', async () => {
    const reply = (await ipcMain.invoke(fromPage(), 'listImages', {
      sort: 'name',
      order: 'up',
      limit: 10,
      offset: 0,
    })) as InvokeReply;
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-params',
        message: expect.stringContaining('order must be one of "asc", "desc"'),
      },
    });
    expect(Object.keys(!reply.ok ? reply.error : {}).sort()).toEqual(['code', 'message']);
  });

  it('refuses a call from another page, a subframe or another webContents before it reaches the core', async () => {
    const foreign: InvokeEventPort[] = [
      { sender: contents, senderFrame: { url: 'https://evil.example/index.html', parent: null } },
      { sender: contents, senderFrame: { url: pathToFileURL('/tmp/other.html').href, parent: null } },
      { sender: contents, senderFrame: { url: PAGE, parent: {} } },
      { sender: contents, senderFrame: null },
      { sender: new StandInWebContents(), senderFrame: { url: PAGE, parent: null } },
      { sender: contents, senderFrame: { url: 'not a url', parent: null } },
    ];
    for (const event of foreign) {
      await expect(ipcMain.invoke(event, 'getSettings', {})).rejects.toBeInstanceOf(ForeignSenderError);
    }
  });

  it('forwards the session events to the window in the order they happen, sequences increasing', async () => {
    const list = join(dir, 'images.txt');
    await writeFile(list, '127.0.0.1:1/team/app:1.0.0\n127.0.0.1:1/team/db:2.0.0\n');
    contents.sent.length = 0;
    const reply = (await ipcMain.invoke(fromPage(), 'selectPlatforms', {
      dockerEndpoints: [],
      kubeContexts: [],
      staticLists: [list],
    })) as InvokeReply;
    expect(reply.ok).toBe(true);
    await expect
      .poll(() => contents.sent.some((m) => m.name === 'graph-patch'), { timeout: 10_000 })
      .toBe(true);
    expect(contents.sent.every((m) => m.channel === IPC_CHANNELS.event)).toBe(true);
    const numbered = contents.sent
      .filter((m) => m.name === 'graph-reset' || m.name === 'graph-patch')
      .map((m) => ({ name: m.name, sequence: (m.event as { sequence: number }).sequence }));
    expect(numbered[0]?.name).toBe('graph-reset');
    const sequences = numbered.map((m) => m.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    // The snapshot taken now covers every patch sent so far.
    const snapshot = (await ipcMain.invoke(fromPage(), 'snapshot', {})) as InvokeReply;
    expect(snapshot.ok && (snapshot.result as { sequence: number }).sequence).toBeGreaterThanOrEqual(
      sequences.at(-1) ?? 0,
    );
  });

  it('sends nothing to a destroyed window, and unbinding removes the handler', async () => {
    const otherIpc = new StandInIpcMain();
    const gone = new StandInWebContents();
    gone.destroyed = true;
    const stop = bindApi({ ipcMain: otherIpc, webContents: gone, pageUrl: PAGE, session });
    await session.selectPlatforms({ dockerEndpoints: [], kubeContexts: [], staticLists: [] });
    expect(gone.sent).toEqual([]);
    stop();
    expect(otherIpc.handlers.size).toBe(0);
  });
});
