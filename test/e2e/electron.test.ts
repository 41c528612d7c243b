// The desktop app itself, through Playwright's `_electron`: the window's page gets the contract and
// nothing else of Electron or Node, and cannot navigate away. Needs Electron's binary, which the
// install here skips (ELECTRON_SKIP_BINARY_DOWNLOAD: it comes from outside the package registries).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { installedElectron } from '../../scripts/electron-binary.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

const binary = installedElectron();

describe.skipIf(binary === undefined)(
  'the Electron app (skipped: the Electron binary is not downloaded; with internet, run npx install-electron --no to run it)',
  () => {
    let electronApp: ElectronApplication;
    let page: Page;
    let userData: string;

    beforeAll(async () => {
      await promisify(execFile)(process.execPath, ['scripts/build-desktop.mjs'], { cwd: ROOT });
      userData = await mkdtemp(join(tmpdir(), 'cupdate-electron-'));
      electronApp = await _electron.launch({
        executablePath: binary,
        args: [join(ROOT, 'out', 'electron', 'main.js')],
        env: { ...process.env, CUPDATE_USER_DATA: userData, DOCKER_HOST: 'unix:///nonexistent.sock' },
      });
      page = await electronApp.firstWindow();
      await page.waitForSelector('main');
    }, 120_000);

    afterAll(async () => {
      await electronApp?.close();
      await rm(userData, { recursive: true, force: true });
    });

    it('exposes window.cupdate with invoke and subscribe only, and no Node', async () => {
      const surface = await page.evaluate(() => {
        const scope = globalThis as unknown as Record<string, unknown>;
        return {
          keys: Object.keys(scope['cupdate'] as object).sort(),
          require: typeof scope['require'],
          process: typeof scope['process'],
        };
      });
      expect(surface).toEqual({ keys: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });
    });

    it('answers contract calls and refuses unknown methods', async () => {
      const answers = await page.evaluate(async () => {
        const bridge = (
          globalThis as unknown as { cupdate: { invoke(m: string, p: unknown): Promise<unknown> } }
        ).cupdate;
        const settings = await bridge.invoke('getSettings', {});
        const unknown = await bridge.invoke('deleteEverything', {}).catch((error: unknown) => error);
        const invalid = await bridge.invoke('getImage', {}).catch((error: unknown) => error);
        return { settings, unknown, invalid };
      });
      expect(answers.settings).toMatchObject({ notifications: true, githubTokenSet: false });
      expect(answers.unknown).toMatchObject({ code: 'unknown-method' });
      expect(answers.invalid).toMatchObject({ code: 'invalid-params' });
    });

    it('stays on its page: navigation and new windows are denied', async () => {
      const before = page.url();
      await page.evaluate(() => {
        const scope = globalThis as unknown as { location: { href: string }; open(url: string): unknown };
        scope.open('file:///etc/passwd');
        scope.location.href = 'https://example.com/';
      });
      await expect.poll(() => electronApp.windows().length).toBe(1);
      expect(page.url()).toBe(before);
    });
  },
);
