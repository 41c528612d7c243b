// Everything that keeps the window's page a page: Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security) applied in one place. The page is our
// own bundle from app:// (app-protocol.ts), but it draws untrusted text (release notes, READMEs, labels); if any of
// that ever ran, it must find no Node, no navigation, no new windows, no permissions.
import type { BrowserWindowConstructorOptions } from 'electron';
import { httpUrl } from '../internal/model/safe-url.js';

/**
 * The same policy as the meta tag in renderer/index.html (window-security.test.ts keeps them
 * equal). Sent as a header too: a header also covers what a meta tag cannot (it applies before
 * the document is parsed).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Cupdate Desktop',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The parts of a BrowserWindow's webContents the guards attach to. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Denies navigation and new windows. The app is one page with hash routes, which are not
 * navigations; a link to the web (a release note's, a source repository's) goes to `openExternal`,
 * and only when it is http(s): main asks the user first (external-link.ts).
 */
export function guardContents(contents: GuardedContents, openExternal: (url: string) => unknown): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = httpUrl(url);
    if (external !== null) void openExternal(external);
    return { action: 'deny' };
  });
}

type HeadersCallback = (response: { responseHeaders?: Record<string, string[]> }) => void;

/** The parts of Electron's Session the guards attach to. */
export interface GuardedSession {
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: HeadersCallback) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Adds the CSP header to every response and denies every permission (camera, notifications, …). */
export function guardSession(session: GuardedSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // OS notifications come from the main process (Electron's Notification), not the page.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
