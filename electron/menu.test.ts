import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DOCS_URL, menuTemplate } from './menu.js';

const items = (menu: MenuItemConstructorOptions | undefined) =>
  (menu?.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((m) => m.label === label);

describe('menuTemplate', () => {
  const calls: string[] = [];
  const template = (isDev: boolean, isMac = false) =>
    menuTemplate({
      isDev,
      isMac,
      checkAllNow: () => calls.push('check-all'),
      openExternal: (url) => calls.push(url),
    });

  it('has File with export (disabled for now), check all now and quit', () => {
    const file = items(byLabel(template(false), 'File'));
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'Export report…',
      'Check all now',
      'separator',
      'quit',
    ]);
    expect(file[0]?.enabled).toBe(false);
    (file[1]?.click as () => void)();
    expect(calls).toContain('check-all');
  });

  it('offers reload and developer tools in development only', () => {
    const roles = (isDev: boolean) => items(byLabel(template(isDev), 'View')).map((item) => item.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('opens the documentation from Help, and adds the app menu on macOS only', () => {
    const help = template(false).find((m) => m.role === 'help');
    (items(help)[0]?.click as () => void)();
    expect(calls).toContain(DOCS_URL);
    expect(template(false, true)[0]?.role).toBe('appMenu');
    expect(template(false, false).some((m) => m.role === 'appMenu')).toBe(false);
  });
});
