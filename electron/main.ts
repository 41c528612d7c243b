// The desktop host: one window on the renderer (app://, see app-protocol.ts), the API over IPC, a menu, a tray icon
// with the count of outdated images, OS notifications for new updates. Thin: the core is the
// session (internal/api/session.ts); everything that can be checked without Electron lives in the
// files this one wires together.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  net,
  protocol,
  safeStorage,
  session as electronSession,
  shell,
} from 'electron';
import { openSession, type Session } from '../internal/api/session.js';
import { SHELL_ENV_KEYS, launchedFromDesktop, loginShellEnv } from '../internal/platform/shell-env.js';
import { httpUrl } from '../internal/model/safe-url.js';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponse } from './app-protocol.js';
import { outdatedCount, trayTooltip, updatesNotification } from './desktop-status.js';
import { openAfterConfirmation } from './external-link.js';
import { bindApi } from './ipc.js';
import { menuTemplate } from './menu.js';
import { SafeStorageSecrets } from './safe-storage-secrets.js';
import { guardContents, guardSession, windowOptions } from './window-security.js';
import { messageOf } from '../internal/model/message-of.js';

// Built to out/electron/main.js; the app's root is two levels up, in development and in the asar.
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const paths = {
  preload: join(here, 'preload.cjs'),
  renderer: join(root, 'renderer', 'dist'),
  trayIcon: join(root, 'build', 'tray.png'),
};

/** Our own links (the menu's documentation): opened at once. */
const openExternal = (url: string) => {
  const safe = httpUrl(url);
  if (safe !== null) void shell.openExternal(safe);
};
/** Links from the page, i.e. from fetched content: only after the user confirms (external-link.ts). */
const openPageLink = (url: string) =>
  openAfterConfirmation(url, dialog, (safe) => shell.openExternal(safe)).catch((error: unknown) =>
    process.emitWarning(`could not open ${JSON.stringify(url)}: ${messageOf(error)}`),
  );

// A separate profile (tests, a second install): must be set before `ready`.
const userDataOverride = process.env['CUPDATE_USER_DATA'];
if (userDataOverride !== undefined && userDataOverride !== '') app.setPath('userData', userDataOverride);

// Every renderer sandboxed, and every web contents (even one we did not mean to create) guarded.
app.enableSandbox();
// Must happen before `ready`: the scheme the renderer is served from.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.on('web-contents-created', (_event, contents) => guardContents(contents, openPageLink));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  guardSession(electronSession.defaultSession);
  electronSession.defaultSession.protocol.handle(APP_SCHEME, (request) =>
    appResponse(
      paths.renderer,
      request.url,
      (url) => net.fetch(url),
      (path) => pathToFileURL(path).href,
    ),
  );
  await adoptLoginShellEnvironment();
  const userData = app.getPath('userData');
  const session = await openSession({
    dataDir: userData,
    secrets: new SafeStorageSecrets(join(userData, 'secrets.json'), safeStorage),
    // Every enrichment source at its public API (release notes, descriptions, vulnerabilities).
    app: { sources: {} },
  });
  const window = new BrowserWindow(windowOptions(paths.preload));
  window.once('ready-to-show', () => window.show());
  const unbind = bindApi({
    ipcMain,
    webContents: window.webContents,
    pageUrl: APP_PAGE_URL,
    session,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isDev: !app.isPackaged,
        isMac: process.platform === 'darwin',
        checkAllNow: () => {
          try {
            session.checkAll();
          } catch (error) {
            // The session is opening or closing: the menu has no window to say it in.
            process.emitWarning(`Check all now: ${messageOf(error)}`);
          }
        },
        openExternal,
      }),
    ),
  );
  const tray = new Tray(nativeImage.createFromPath(paths.trayIcon));
  tray.setToolTip('Cupdate');
  tray.on('click', () => (window.isDestroyed() ? undefined : window.show()));
  const unsubscribe = followStatus(session, tray);
  await window.loadURL(APP_PAGE_URL);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // The session stops the platforms' watches and closes SQLite before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    unsubscribe();
    unbind();
    tray.destroy();
    void session.close().finally(() => app.exit(0));
  });
}

/**
 * Started from the desktop (Finder, a launcher), the app lacks what the shell profile exports:
 * PATH (credential helpers, kubectl plugins), KUBECONFIG, DOCKER_HOST. Discovery, credential
 * helpers and exec plugins all read process.env, so the login shell's values go there, once.
 */
async function adoptLoginShellEnvironment(): Promise<void> {
  if (!launchedFromDesktop(process.env, process.platform)) return;
  const { env } = await loginShellEnv({
    env: process.env,
    onWarning: (message) => process.emitWarning(message),
  });
  for (const key of SHELL_ENV_KEYS) {
    const value = env[key];
    if (value !== undefined) process.env[key] = value;
  }
}

/** The tray's tooltip and title, the badge, and notifications, from the session's events. */
function followStatus(session: Session, tray: Tray): () => void {
  return session.subscribe((name, event) => {
    if (name === 'summary') {
      const summary = event as Parameters<typeof outdatedCount>[0];
      const count = outdatedCount(summary);
      tray.setToolTip(trayTooltip(summary));
      tray.setTitle(count > 0 ? String(count) : ''); // macOS menu bar only
      app.setBadgeCount(count); // macOS; Electron 44 dropped Unity, so a no-op on Linux and Windows
    } else if (name === 'updates-found') {
      const { references } = event as { references: readonly string[] };
      session
        .getSettings()
        .then((settings) => {
          if (settings.notifications && Notification.isSupported()) {
            new Notification(updatesNotification(references)).show();
          }
        })
        .catch((error: unknown) => process.emitWarning(`no notification: ${messageOf(error)}`));
    }
  });
}

function fail(error: unknown): void {
  // No window to show it in: a dialog-less message on stderr and a non-zero exit.
  process.stderr.write(`Cupdate Desktop could not start: ${messageOf(error)}\n`);
  app.exit(1);
}
