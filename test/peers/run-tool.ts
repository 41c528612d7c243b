import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { PeerStartError } from './errors.js';

const execFileAsync = promisify(execFile);

/** Whether an executable named `command` is on PATH (checked without running it). */
export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Runs a short tool (openssl, htpasswd) and answers its stdout; `secretArgs` are left out of errors. */
export async function runTool(
  command: string,
  args: readonly string[],
  secretArgs: readonly string[] = [],
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const shown = args.map((arg) => (secretArgs.includes(arg) ? '***' : arg)).join(' ');
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const hidden = secretArgs.reduce((text, secret) => text.split(secret).join('***'), stderr);
    throw new PeerStartError(
      `\`${command} ${shown}\` failed: ${hidden.trim()}; run scripts/install-test-deps.sh`,
    );
  }
}

export const INSTALL_HINT = 'run `scripts/install-test-deps.sh` as root (Debian packages)';
