// The window's options and guards, with in-test stand-ins for webContents and Session shaped like
// Electron's (they record the handlers the guards register; the Electron binary cannot run here).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  guardContents,
  guardSession,
  windowOptions,
  type GuardedContents,
  type GuardedSession,
} from './window-security.js';

type Prevented = { prevented: boolean; preventDefault(): void };
const cancellable = (): Prevented => ({
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});

class StandInContents implements GuardedContents {
  readonly handlers = new Map<string, (event: Prevented, url: string) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  on(event: string, listener: (event: Prevented, url: string) => void): this {
    this.handlers.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  fire(event: string, url = ''): boolean {
    const prevented = cancellable();
    this.handlers.get(event)?.(prevented, url);
    return prevented.prevented;
  }
}

describe('windowOptions', () => {
  it('isolates and sandboxes the page, with no Node anywhere', () => {
    const prefs = windowOptions('/app/out/electron/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('guardContents (stand-in webContents)', () => {
  it('denies every navigation, redirect and webview', () => {
    const contents = new StandInContents();
    guardContents(contents, () => undefined);
    expect(contents.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies new windows and opens only http(s) URLs in the system browser', () => {
    const contents = new StandInContents();
    const opened: string[] = [];
    guardContents(contents, (url) => opened.push(url));
    const urls = [
      'https://github.com/owner/repo/releases',
      'http://example.com/a b',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'mailto:a@b.c',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ];
    for (const url of urls) expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/owner/repo/releases', 'http://example.com/a%20b']);
  });
});

describe('guardSession (stand-in Session)', () => {
  const guarded = () => {
    const recorded: {
      headers?: Parameters<GuardedSession['webRequest']['onHeadersReceived']>[0];
      request?: Parameters<GuardedSession['setPermissionRequestHandler']>[0];
      check?: () => boolean;
    } = {};
    guardSession({
      webRequest: { onHeadersReceived: (listener) => (recorded.headers = listener) },
      setPermissionRequestHandler: (handler) => (recorded.request = handler),
      setPermissionCheckHandler: (handler) => (recorded.check = handler),
    });
    return recorded;
  };

  it('replaces any Content-Security-Policy header with ours and keeps the other headers', () => {
    const { headers } = guarded();
    let answered: Record<string, string[]> | undefined;
    headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (response) => (answered = response.responseHeaders),
    );
    expect(answered).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('denies every permission request and check', () => {
    const { request, check } = guarded();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      request?.({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(check?.()).toBe(false);
  });

  it('sends the same policy as the meta tag of renderer/index.html', async () => {
    const html = await readFile(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
  });
});
