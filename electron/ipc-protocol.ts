// The names of the contract's methods, at run time: the preload refuses any other name before it
// reaches IPC. `satisfies` plus the exhaustiveness check below make the compiler fail when
// internal/api/contract.ts gains or loses a method and this list is not updated with it.
import type { ApiErrorBody, ApiMethod } from '../internal/api/contract.js';

export const API_METHODS = [
  'snapshot',
  'summary',
  'recentUpdates',
  'exportReport',
  'listImages',
  'getImage',
  'checkNow',
  'updateActions',
  'checkAll',
  'discovery',
  'selectPlatforms',
  'getSettings',
  'changeSettings',
  'listRules',
  'setRule',
  'deleteRule',
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
// Fails to compile (naming the missing method) when the contract has a method this list lacks.
const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
void everyMethodListed;

const known: ReadonlySet<string> = new Set(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && known.has(name);
}

/** The IPC channels between preload and main; nothing else of ipcRenderer is used. */
export const IPC_CHANNELS = {
  invoke: 'cupdate:invoke',
  event: 'cupdate:event',
} as const;

/**
 * What main answers to an invoke. An envelope rather than a thrown error: Electron turns an error
 * thrown in `ipcMain.handle` into a new Error whose message is prefixed and whose `code` is lost,
 * and the renderer needs the code (docs: ipc-main `handle`, "Errors thrown through handle").
 */
export type InvokeReply =
  { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: ApiErrorBody };
