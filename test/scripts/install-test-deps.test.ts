// scripts/install-test-deps.sh against fake `dpkg-query`, `apt-get` and `id` on PATH (a real
// install would change this machine): the fakes answer in apt's documented formats and record
// every call, so the test sees exactly which command the script would run as root, and what it
// prints without root.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'install-test-deps.sh');

interface Fake {
  readonly bin: string;
  readonly calls: () => Promise<string[]>;
}

/** Fakes where `installed` packages are installed and the simulation upgrades `upgrades`. */
async function fakeApt(
  dir: string,
  installed: readonly string[],
  upgrades: readonly string[],
  uid: number,
): Promise<Fake> {
  const calls = join(dir, 'calls');
  const script = (body: string) => `#!/bin/sh\necho "$(basename "$0") $*" >> ${calls}\n${body}\n`;
  const tools: Record<string, string> = {
    // dpkg-query -W -f='${Status}' NAME
    'dpkg-query': script(
      `for p in ${installed.join(' ')}; do [ "$3" = "$p" ] && { echo 'install ok installed'; exit 0; }; done; exit 1`,
    ),
    // apt-get … install … --simulate prints one `Inst name [installed] (new …)` line per upgrade.
    'apt-get': script(
      `case " $* " in *" --simulate "*) ${upgrades.map((p) => `echo 'Inst ${p} [1:4.13+dfsg1-1] (1:4.13+dfsg1-1+deb12u2 Debian:12.8/stable [amd64])'`).join('; ') || 'true'}; echo 'Inst jq (1.6-2.1 Debian:12/stable [amd64])';; esac`,
    ),
    id: script(`echo ${uid}`),
  };
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(dir, name), body);
    await chmod(join(dir, name), 0o755);
  }
  return {
    bin: dir,
    calls: async () => (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean),
  };
}

function runScript(
  fake: Fake,
  args: readonly string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      'bash',
      [SCRIPT, ...args],
      { env: { PATH: `${fake.bin}:/usr/bin:/bin` } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    ),
  );
}

const ALL = [
  'docker-registry',
  'apache2-utils',
  'skopeo',
  'umoci',
  'jq',
  'docker.io',
  'containerd',
  'runc',
  'podman',
  'busybox-static',
  'chromium',
  '7zip',
];

describe('install-test-deps.sh (fake apt-get, dpkg-query and id)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-apt-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('installs only the missing packages, without recommends or upgrades, naming what apt must upgrade', async () => {
    const fake = await fakeApt(
      dir,
      ALL.filter((p) => p !== 'jq' && p !== 'podman'),
      ['passwd', 'login'],
      0,
    );
    const run = await runScript(fake);
    expect(run.code).toBe(0);
    const installs = (await fake.calls()).filter(
      (call) => call.startsWith('apt-get') && call.includes(' install '),
    );
    expect(installs).toEqual([
      'apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends --no-upgrade jq podman --simulate',
      'apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends --no-upgrade jq podman',
    ]);
    expect(run.stdout).toContain(
      'the new packages need newer versions of these installed ones: passwd login',
    );
  });

  it('does nothing when every package is there', async () => {
    const fake = await fakeApt(dir, ALL, [], 0);
    const run = await runScript(fake);
    expect(run).toMatchObject({ code: 0, stdout: `install-test-deps: all ${ALL.length} packages present\n` });
    expect((await fake.calls()).some((call) => call.startsWith('apt-get'))).toBe(false);
  });

  it('without root prints the command to run, and with --optional lets the tests go on', async () => {
    const fake = await fakeApt(
      dir,
      ALL.filter((p) => p !== 'chromium'),
      [],
      1000,
    );
    const required = await runScript(fake);
    expect(required.code).toBe(1);
    expect(required.stderr).toContain(
      'apt-get update && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends --no-upgrade chromium',
    );
    expect((await runScript(fake, ['--optional'])).code).toBe(0);
    expect((await fake.calls()).some((call) => call.startsWith('apt-get'))).toBe(false);
  });
});
