// Runs in the sandboxed renderer before the page: exposes `window.cupdate` (the contract's invoke
// and subscribe) through contextBridge. Built to CommonJS (out/electron/preload.cjs): a sandboxed
// preload cannot be an ES module (https://www.electronjs.org/docs/latest/tutorial/esm).
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-bridge.js';

contextBridge.exposeInMainWorld('cupdate', createPreloadBridge(ipcRenderer));
