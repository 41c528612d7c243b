// `npm run serve` stopped by a signal sent to the npm process alone, as a supervisor or `kill $!`
// does (issue 14: npm passed it to `sh`, which did not pass it on, and the server kept running;
// Ctrl-C worked only because the terminal signals the whole process group). The script execs node,
// so npm's forwarded signal reaches the server, which stops cleanly and says so.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildCore, ISOLATED_ENV, ROOT } from './cli-process.js';

/** Whether a process with this id still exists (a zombie counts as gone). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run serve and signals', () => {
  let dir: string;
  let list: string;
  beforeAll(async () => {
    await buildCore();
    dir = await mkdtemp(join(tmpdir(), 'cupdate-signals-'));
    list = join(dir, 'images.txt');
    await writeFile(list, '127.0.0.1:1/team/app:1.0\n');
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops the server on ${signal} to npm alone, and prints that it stopped`, async () => {
      // Its own process group, so a failed test can end npm, sh and node by the group's id.
      const npm = spawn('npm', ['run', '-s', 'serve', '--', '--port', '0', '--list', list, '--no-sources'], {
        cwd: ROOT,
        env: ISOLATED_ENV,
        detached: true,
      });
      onTestFinished(() => {
        try {
          process.kill(-(npm.pid ?? 0), 'SIGKILL');
        } catch {
          // Already gone: the test passed.
        }
      });
      let stderr = '';
      const serving = new Promise<void>((resolve) =>
        npm.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('serving on')) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => npm.on('exit', resolve));
      await serving;
      // The server is npm's child: `sh -c` was replaced by node (exec).
      expect(npm.pid).toBeDefined();
      npm.kill(signal);
      const code = await exited;
      expect(stderr).toContain(`cupdate: ${signal} received, stopping\ncupdate: stopped\n`);
      expect(code).toBe(0);
      // Nothing of it is left: the server printed its URL, so it had a port; no process holds it.
      const url = /serving on (http:\/\/[^/]+)\//.exec(stderr)?.[1];
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      expect(running(npm.pid ?? 0)).toBe(false);
    }, 60_000);
  }
});
