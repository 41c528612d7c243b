// The `window.cupdate` object the preload exposes: the contract's `invoke` and `subscribe`, and
// nothing else of ipcRenderer. Kept apart from preload.ts (which only touches electron) so it can be
// tested without the Electron binary. A rejected call carries an ApiErrorBody `{ code, message }`:
// contextBridge copies plain objects whole but an Error only with its message
// (https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support).
import type { ApiErrorBody, ApiEventName, ApiEvents, CupdateBridge } from '../internal/api/contract.js';
import { IPC_CHANNELS, isApiMethod, type InvokeReply } from './ipc-protocol.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type BridgeListener = Parameters<CupdateBridge['subscribe']>[0];

export function createPreloadBridge(ipc: IpcRendererPort): CupdateBridge {
  return {
    async invoke(method, params) {
      if (!isApiMethod(method)) {
        const body: ApiErrorBody = {
          code: 'unknown-method',
          message: `there is no API method ${JSON.stringify(method)}; see internal/api/contract.ts`,
        };
        throw body;
      }
      const reply = (await ipc.invoke(IPC_CHANNELS.invoke, method, params)) as InvokeReply;
      if (!reply.ok) throw reply.error;
      return reply.result as never;
    },
    subscribe(listener: BridgeListener) {
      // The IpcRendererEvent (it holds `sender`, an ipcRenderer) never reaches the page.
      const forward = (_event: unknown, name: unknown, payload: unknown) => {
        listener(name as ApiEventName, payload as ApiEvents[ApiEventName]);
      };
      ipc.on(IPC_CHANNELS.event, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, forward);
      };
    },
  };
}
