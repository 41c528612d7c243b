// Stand-ins for `docker` and `kubectl` that only record their argv, so that a generated command
// line can be run through a real `/bin/sh -c` and the words each tool received compared with what
// was meant: quoting, `&&` chains and variable checks are then tested by the shell itself.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeTools {
  /** Runs `line` with sh; resolves with each recorded call (tool name first) and sh's exit status. */
  run(line: string, env?: Record<string, string>): { calls: string[][]; status: number; stderr: string };
  readonly dir: string;
  remove(): void;
}

export function fakeTools(names: readonly string[] = ['docker', 'kubectl']): FakeTools {
  const dir = mkdtempSync(join(tmpdir(), 'cupdate-fake-tools-'));
  const log = join(dir, 'calls.log');
  for (const name of names) {
    const path = join(dir, name);
    // One record per call: the tool's name and each argument, NUL-terminated, then a record separator.
    writeFileSync(path, `#!/bin/sh\nprintf '%s\\0' ${name} "$@" >> '${log}'\nprintf '\\036' >> '${log}'\n`);
    chmodSync(path, 0o755);
  }
  return {
    dir,
    run(line, env = {}) {
      writeFileSync(log, '');
      let status = 0;
      let stderr = '';
      try {
        execFileSync('/bin/sh', ['-c', line], {
          cwd: dir,
          env: { PATH: `${dir}:/usr/bin:/bin`, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        status = (error as { status?: number }).status ?? 1;
        stderr = String((error as { stderr?: Buffer }).stderr ?? '');
      }
      const calls = readFileSync(log, 'utf8')
        .split('\u001e')
        .filter((record) => record !== '')
        .map((record) => record.split('\0').slice(0, -1));
      return { calls, status, stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
