// An app started from the desktop (Finder, the Dock, a .desktop launcher) does not inherit what
// the user's shell profile exports: no PATH additions (credential helpers, kubectl plugins), no
// KUBECONFIG, no DOCKER_HOST. Like VS Code and other editors, read the login shell's environment
// once, with a timeout, and take the variables discovery needs from it. Markers around `env`'s
// output keep motd banners and profile chatter out of the parse.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { messageOf } from '../model/message-of.js';

/** The variables taken from the login shell; all else stays as the process has it. */
export const SHELL_ENV_KEYS = [
  'PATH',
  'KUBECONFIG',
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
  'XDG_RUNTIME_DIR',
] as const;

export type Env = Readonly<Record<string, string | undefined>>;

export interface ShellEnvOptions {
  /** The process environment to start from (and fall back to). */
  readonly env: Env;
  /** Default: `env.SHELL`, else /bin/sh. */
  readonly shell?: string;
  /** Default 5 s: a profile that waits for input or the network must not hold up the app. */
  readonly timeoutMs?: number;
  /** Told why the login shell's environment could not be used. */
  readonly onWarning?: (message: string) => void;
}

export type ShellEnvResult =
  | { readonly source: 'login-shell'; readonly env: Env }
  | { readonly source: 'process'; readonly env: Env; readonly warning: string };

/**
 * True when the app was most likely started from the desktop rather than a terminal: terminals set
 * TERM, desktop launchers do not. Windows programs get the user's environment from the registry.
 */
export function launchedFromDesktop(env: Env, os: NodeJS.Platform): boolean {
  return os !== 'win32' && (env.TERM === undefined || env.TERM === '');
}

export async function loginShellEnv(options: ShellEnvOptions): Promise<ShellEnvResult> {
  const shell = options.shell ?? options.env.SHELL ?? '/bin/sh';
  const marker = `__CUPDATE_ENV_${randomBytes(8).toString('hex')}__`;
  try {
    const output = await runShell(shell, marker, options.env, options.timeoutMs ?? 5000);
    const shellEnv = parseEnv(output, marker);
    const picked = Object.fromEntries(
      SHELL_ENV_KEYS.flatMap((key) => (shellEnv[key] === undefined ? [] : [[key, shellEnv[key]]])),
    );
    return { source: 'login-shell', env: { ...options.env, ...picked } };
  } catch (error) {
    const warning = `could not read the environment of the login shell ${shell} (${messageOf(error)}); using the app's own environment, so PATH, KUBECONFIG and DOCKER_HOST from your shell profile are missing`;
    options.onWarning?.(warning);
    return { source: 'process', env: options.env, warning };
  }
}

function runShell(shell: string, marker: string, env: Env, timeoutMs: number): Promise<string> {
  // `command env` skips an alias or function named env; printf is a builtin in sh, bash, zsh, fish.
  const script = `printf '\\n%s\\n' '${marker}'; command env; printf '\\n%s\\n' '${marker}'`;
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends whatever the profile started.
    const child = spawn(shell, ['-ilc', script], {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid);
      reject(new Error(`it did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(signal ? `it was ended by ${signal}` : `it exited with code ${String(code)}`));
    });
  });
}

/** `KEY=value` lines between the two markers; a line without `=` continues a multi-line value. */
function parseEnv(output: string, marker: string): Record<string, string> {
  const lines = output.split('\n');
  const start = lines.indexOf(marker);
  const end = lines.lastIndexOf(marker);
  if (start === -1 || end <= start) throw new Error('its output did not hold the environment');
  const env: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines.slice(start + 1, end)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) {
      last = match[1]!;
      env[last] = match[2]!;
    } else if (last !== undefined) {
      env[last] += `\n${line}`;
    }
  }
  // The marker's printf adds a newline before it: the last value does not end with one.
  if (last !== undefined) env[last] = env[last]!.replace(/\n$/, '');
  return env;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
