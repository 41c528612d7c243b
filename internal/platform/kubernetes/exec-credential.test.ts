// The exec credential plugin runner with real plugin scripts (sh): one run for concurrent callers,
// reuse until expiry, a timeout that kills the plugin and what it started, a kill on stop, and
// errors that name the plugin and user without ever quoting what it printed on stdout.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning } from '../../../test/peers/process-state.js';
import { ExecCredentialPlugin, ExecPluginError } from './exec-credential.js';
import type { ExecPluginConfig } from './exec-credential.js';

const V1 = 'client.authentication.k8s.io/v1';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exec-credential-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function plugin(command: string, extra: Partial<ExecPluginConfig> = {}): ExecCredentialPlugin {
  return new ExecCredentialPlugin({
    user: 'dev',
    plugin: { command, args: [], env: [], apiVersion: V1, provideClusterInfo: false, ...extra },
    timeoutMs: 2_000,
    cluster: { server: 'https://example.invalid' },
  });
}

const credential = (status: Record<string, unknown>) =>
  JSON.stringify({ apiVersion: V1, kind: 'ExecCredential', status });

describe('ExecCredentialPlugin (real plugin scripts)', () => {
  it('runs the plugin once for concurrent callers and reuses the token until its expiry', async () => {
    const count = join(dir, 'count');
    writeFileSync(count, '');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const path = script(
      'counting',
      `echo run >> ${count}\necho '${credential({ token: 'T1', expirationTimestamp: later })}'`,
    );
    const exec = plugin(path);
    const signal = new AbortController().signal;
    const got = await Promise.all(Array.from({ length: 8 }, () => exec.credential(signal)));
    expect(got.map((c) => c.token)).toEqual(Array(8).fill('T1'));
    await exec.credential(signal);
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(1);
    // The API server said 401: the next request asks the plugin again.
    exec.invalidate();
    await exec.credential(signal);
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('runs it again once the credential has expired', async () => {
    const count = join(dir, 'count-expired');
    writeFileSync(count, '');
    const past = new Date(Date.now() - 1_000).toISOString();
    const exec = plugin(
      script(
        'expired',
        `echo run >> ${count}\necho '${credential({ token: 'T', expirationTimestamp: past })}'`,
      ),
    );
    const signal = new AbortController().signal;
    await exec.credential(signal);
    await exec.credential(signal);
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('hands the plugin KUBERNETES_EXEC_INFO and its env without touching this process', async () => {
    const seen = join(dir, 'seen');
    const exec = plugin(
      script(
        'env',
        `printf '%s\\n%s' "$KUBERNETES_EXEC_INFO" "$CUPDATE_PLUGIN_VAR" > ${seen}\necho '${credential({ token: 'T' })}'`,
      ),
      { env: [{ name: 'CUPDATE_PLUGIN_VAR', value: 'x' }], provideClusterInfo: true },
    );
    await exec.credential(new AbortController().signal);
    const [info, variable] = readFileSync(seen, 'utf8').split('\n');
    expect(JSON.parse(info!)).toEqual({
      apiVersion: V1,
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: 'https://example.invalid' } },
    });
    expect(variable).toBe('x');
    expect(process.env['CUPDATE_PLUGIN_VAR']).toBeUndefined();
  });

  it('kills a plugin that hangs, with the process it started, after the timeout', async () => {
    const pids = join(dir, 'pids-timeout');
    const exec = plugin(script('hang', `sleep 600 &\necho "$$ $!" > ${pids}\nwait`));
    const started = Date.now();
    const error = await exec.credential(new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecPluginError);
    expect((error as Error).message).toBe(
      `exec credential plugin "${join(dir, 'hang')}" of user "dev" gave no credential within 2 s and was stopped; run it in a terminal to see whether it waits for a login, then try again`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const [shell, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([isRunning(shell!), isRunning(sleeper!)]).toEqual([false, false]);
  });

  it('stop() kills a running plugin and its children, and waits for them', async () => {
    const pids = join(dir, 'pids-stop');
    const exec = plugin(script('hang-stop', `sleep 600 &\necho "$$ $!" > ${pids}\nwait`));
    const pending = exec.credential(new AbortController().signal).catch((e: unknown) => e);
    for (let i = 0; i < 100 && !readFileSync(pids, { flag: 'a+' }).toString().includes(' '); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [shell, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    await exec.stop();
    expect(isRunning(shell!)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isRunning(sleeper!)).toBe(false);
    expect(((await pending) as Error).message).toMatch(/was stopped with the platform$/);
    await expect(exec.credential(new AbortController().signal)).rejects.toThrow(/the platform was stopped/);
  });

  it('says why a plugin failed, naming it and the user, and never quotes its stdout', async () => {
    const signal = new AbortController().signal;
    const cases: [ExecCredentialPlugin, RegExp][] = [
      [
        plugin(script('fails', 'echo "error: you must log in (aws sso login)" >&2\nexit 3')),
        /of user "dev" exited with code 3: error: you must log in \(aws sso login\)$/,
      ],
      [
        plugin(script('garbage', 'echo "secret-token-not-json"')),
        /of user "dev" did not print an ExecCredential JSON object$/,
      ],
      [
        plugin(
          script(
            'wrong-version',
            `echo '${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'secret' } })}'`,
          ),
        ),
        /did not answer an ExecCredential of client\.authentication\.k8s\.io\/v1/,
      ],
      [plugin(script('empty', `echo '${credential({})}'`)), /answered without status\.token/],
      [
        plugin(join(dir, 'missing-plugin'), { installHint: 'install it with: brew install thing' }),
        /\/missing-plugin" of user "dev" was not found; install it with: brew install thing$/,
      ],
      [
        plugin(script('interactive', 'exit 0'), { interactiveMode: 'Always' }),
        /needs a terminal \(interactiveMode: Always\)/,
      ],
    ];
    for (const [exec, message] of cases) {
      const error = (await exec.credential(signal).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ExecPluginError);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/secret/);
    }
  });

  it('a caller that gives up (its signal aborts) stops waiting at once', async () => {
    const exec = plugin(script('slow', 'sleep 1\necho x'));
    const abort = new AbortController();
    const pending = exec.credential(abort.signal);
    abort.abort(new Error('the caller stopped'));
    await expect(pending).rejects.toThrow('the caller stopped');
    await exec.stop();
  });
});
