// `npm install && npm start` where Electron's binary could not be downloaded (this machine, and
// any install with ELECTRON_SKIP_BINARY_DOWNLOAD): scripts/start.mjs runs the headless app from the
// built core (internal/cli/headless-app.ts), not through tsx. A first run (no database yet) watches
// what discovery finds by default, the server answers, and a signal to the node process stops it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { installedElectron } from '../../scripts/electron-binary.mjs';
import { buildCore, ROOT } from './cli-process.js';

const electronInstalled = installedElectron() !== undefined;

describe.skipIf(electronInstalled)(
  'npm start without Electron runs the headless app (skipped: the Electron binary is installed, so npm start opens the desktop app)',
  () => {
    let home: string;
    beforeAll(async () => {
      await buildCore();
      home = await mkdtemp(join(tmpdir(), 'cupdate-npm-start-'));
    }, 120_000);
    afterAll(() => rm(home, { recursive: true, force: true }));

    it('serves the UI on 127.0.0.1 from a kept data directory, and stops on SIGTERM', async () => {
      // Discovery and the data directory see only this temporary home.
      const env = {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        KUBECONFIG: join(home, 'no-kubeconfig'),
        DOCKER_HOST: `unix://${join(home, 'no-docker.sock')}`,
        PORT: '0',
        // No test reaches the internet: start.mjs must not try to download Electron's binary.
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      };
      const start = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env });
      onTestFinished(() => {
        if (start.exitCode === null) start.kill('SIGKILL');
      });
      let output = '';
      const url = await new Promise<string>((ready, fail) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const printed = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
          if (printed !== undefined) ready(printed);
        };
        start.stdout.on('data', read);
        start.stderr.on('data', read);
        start.on('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      expect(output).toContain('(ELECTRON_SKIP_BINARY_DOWNLOAD is set)): running the headless app instead');
      // /healthz answers without serve's access token (the UI itself is the e2e suite's).
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(existsSync(join(home, '.config', 'cupdate-desktop', 'cupdate.db'))).toBe(true);

      const exited = new Promise<number | null>((done) => start.on('exit', done));
      start.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('cupdate: SIGTERM received, stopping\ncupdate: stopped\n');
    }, 120_000);
  },
);
