// Binds the API to Electron's IPC: `cupdate:invoke` runs the dispatch table for our window's page
// only, and every API event goes to that window as `cupdate:event`, in the order the session emits
// them. Electron's own guidance: check `senderFrame` in every handler, since any frame (an iframe,
// a page navigated elsewhere) can send IPC (https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
import { toApiError } from '../internal/api/api-error.js';
import { dispatch } from '../internal/api/dispatch.js';
import type { Session } from '../internal/api/session.js';
import { IPC_CHANNELS, type InvokeReply } from './ipc-protocol.js';

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface InvokeEventPort {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of Electron's ipcMain used here. */
export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEventPort, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The parts of our window's webContents used here. */
export interface WebContentsPort {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BindApiOptions {
  readonly ipcMain: IpcMainPort;
  readonly webContents: WebContentsPort;
  /** The URL of the renderer's page (app://cupdate/index.html): the only page allowed to call. */
  readonly pageUrl: string;
  readonly session: Session;
}

/** An IPC call from a frame that is not our window's page: refused before it reaches the core. */
export class ForeignSenderError extends Error {
  override readonly name = 'ForeignSenderError';
  constructor(url: string | undefined) {
    super(
      `refused an API call from ${url === undefined ? 'a frame that is gone' : JSON.stringify(url)}: only the Cupdate window's own page may call the API`,
    );
  }
}

/** Starts serving the API to the window; returns the function that stops it. */
export function bindApi(options: BindApiOptions): () => void {
  const { ipcMain, webContents, pageUrl, session } = options;
  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method, params): Promise<InvokeReply> => {
    if (!isOwnPage(event, webContents, pageUrl)) throw new ForeignSenderError(event.senderFrame?.url);
    try {
      return { ok: true, result: await dispatch(session, String(method), params) };
    } catch (error) {
      // Only the code and message cross to the renderer: never a stack or a cause.
      return { ok: false, error: toApiError(String(method), error).toBody() };
    }
  });
  const unsubscribe = session.subscribe((name, event) => {
    if (!webContents.isDestroyed()) webContents.send(IPC_CHANNELS.event, name, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
  };
}

/** The main frame of our window, showing our page (any #route of it). */
function isOwnPage(event: InvokeEventPort, webContents: WebContentsPort, pageUrl: string): boolean {
  const frame = event.senderFrame;
  if (event.sender !== webContents || frame === null || frame.parent !== null) return false;
  const from = withoutFragment(frame.url);
  return from !== undefined && from === withoutFragment(pageUrl);
}

function withoutFragment(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}
