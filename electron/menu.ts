// The application menu, as a template (Menu.buildFromTemplate takes it in main.ts).
import type { MenuItemConstructorOptions } from 'electron';

export const DOCS_URL = 'https://github.com/AlexGustafsson/cupdate';

export interface MenuActions {
  /** Developer tools and reload: in development only. */
  readonly isDev: boolean;
  readonly isMac: boolean;
  readonly checkAllNow: () => void;
  readonly openExternal: (url: string) => void;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      // The report export arrives with internal/report's host support; shown so users know it is coming.
      { label: 'Export report…', enabled: false },
      { label: 'Check all now', click: () => actions.checkAllNow() },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(actions.isDev
        ? ([
            { role: 'reload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Documentation', click: () => actions.openExternal(DOCS_URL) }],
  };
  // macOS puts the app's own menu first; Edit gives copy/paste (and their shortcuts) in text fields.
  return [
    ...(actions.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    help,
  ];
}
