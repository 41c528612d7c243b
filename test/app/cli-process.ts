// Runs `cupdate` the way a user does: the bin, scripts/cupdate.mjs, under plain node (no tsx),
// which rebuilds out/core when a source is newer and runs the bundle. KUBECONFIG and DOCKER_HOST
// point nowhere, so no test sees this machine's clusters or engines.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CUPDATE = join(ROOT, 'scripts', 'cupdate.mjs');
export const ISOLATED_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  KUBECONFIG: '/nonexistent',
  DOCKER_HOST: '',
};

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cupdate(args: readonly string[], env: NodeJS.ProcessEnv = ISOLATED_ENV): Promise<CliRun> {
  return run(process.execPath, [CUPDATE, ...args], env);
}

export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = ISOLATED_ENV,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: 90_000, env, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

/** Builds out/core first when a source is newer, so a test's first `cupdate` prints no build message. */
export async function buildCore(): Promise<void> {
  const built = await run(process.execPath, [join(ROOT, 'scripts', 'build-desktop.mjs'), '--core']);
  if (built.code !== 0) throw new Error(`building out/core failed: ${built.stderr}`);
}
