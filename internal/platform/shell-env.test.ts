import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchedFromDesktop, loginShellEnv } from './shell-env.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shell-env-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fake login shell: a script that gets `-ilc <command>` like bash/zsh would. */
async function fakeShell(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('loginShellEnv (fake shells)', () => {
  it('takes the discovery variables from the login shell, ignoring motd noise', async () => {
    const shell = await fakeShell(
      'profile-shell',
      [
        '[ "$1" = "-ilc" ] || exit 64',
        'echo "Welcome to the machine"',
        'echo "DOCKER_HOST=tcp://not-from-env:1"', // noise that looks like a variable, outside the markers
        'export PATH="/opt/homebrew/bin:$PATH" DOCKER_CONTEXT=colima KUBECONFIG=/k/one:/k/two',
        'export MULTI="line one',
        'line two"',
        'export SECRET_TOKEN=not-taken',
        'exec /bin/sh -c "$2"',
      ].join('\n'),
    );
    const result = await loginShellEnv({
      env: { PATH: '/usr/bin:/bin', HOME: '/home/me', DOCKER_CONTEXT: 'old' },
      shell,
    });
    expect(result.source).toBe('login-shell');
    expect(result.env).toMatchObject({
      PATH: '/opt/homebrew/bin:/usr/bin:/bin',
      DOCKER_CONTEXT: 'colima',
      KUBECONFIG: '/k/one:/k/two',
      HOME: '/home/me',
    });
    expect(result.env.DOCKER_HOST).toBeUndefined();
    expect(result.env.SECRET_TOKEN).toBeUndefined();
  });

  it('uses $SHELL when no shell is given', async () => {
    const shell = await fakeShell('env-shell', 'export XDG_RUNTIME_DIR=/run/user/501\nexec /bin/sh -c "$2"');
    const result = await loginShellEnv({ env: { SHELL: shell, PATH: '/bin:/usr/bin' } });
    expect(result.env.XDG_RUNTIME_DIR).toBe('/run/user/501');
  });

  it('falls back to the process env with a warning when the shell fails', async () => {
    const shell = await fakeShell('failing-shell', 'echo broken profile >&2\nexit 3');
    const warnings: string[] = [];
    const env = { PATH: '/bin', DOCKER_HOST: 'unix:///x.sock' };
    const result = await loginShellEnv({ env, shell, onWarning: (w) => warnings.push(w) });
    expect(result).toEqual({
      source: 'process',
      env,
      warning: expect.stringContaining('exited with code 3'),
    });
    expect(warnings).toEqual([result.source === 'process' ? result.warning : '']);
    expect(warnings[0]).toContain(shell);
  });

  it('falls back when the shell does not exist', async () => {
    const result = await loginShellEnv({ env: { PATH: '/bin' }, shell: join(dir, 'no-such-shell') });
    expect(result.source).toBe('process');
    expect(result.source === 'process' && result.warning).toMatch(/ENOENT/);
  });

  it('falls back when the output holds no environment', async () => {
    const shell = await fakeShell('silent-shell', 'echo "only a banner"');
    const result = await loginShellEnv({ env: { PATH: '/bin' }, shell });
    expect(result.source === 'process' && result.warning).toMatch(/did not hold the environment/);
  });

  it('gives up on a hanging shell after the timeout and ends it and what it started', async () => {
    const pidFile = join(dir, 'hanging.pid');
    const shell = await fakeShell('hanging-shell', `sleep 30 &\necho $! > ${pidFile}\nwait`);
    const started = Date.now();
    const result = await loginShellEnv({ env: { PATH: '/bin:/usr/bin' }, shell, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.source === 'process' && result.warning).toMatch(/did not finish within 300 ms/);
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => isGone(sleeper)).toBe(true);
  });
});

describe('launchedFromDesktop', () => {
  it('is true without TERM, false in a terminal and on Windows', () => {
    expect(launchedFromDesktop({}, 'darwin')).toBe(true);
    expect(launchedFromDesktop({ TERM: 'xterm-256color' }, 'linux')).toBe(false);
    expect(launchedFromDesktop({}, 'win32')).toBe(false);
  });
});

async function isGone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
