import { spawn, type ChildProcess } from 'node:child_process';
import { PeerStartError } from './errors.js';

// A server process a test started. Stopped by its PID (never by name: other engineers' peers run
// on the same machine); its stderr tail is kept so a failed start can say why.

export interface ChildPeer {
  readonly pid: number;
  readonly name: string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<string>;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** The last few KiB the process wrote to stderr. */
  stderrTail(): string;
  /** The process's stdout, for peers that announce their port on it. */
  readonly stdout: ChildProcess['stdout'];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const STDERR_TAIL_BYTES = 4096;
const running = new Set<ChildPeer>();

// A test worker that dies without its afterAll still must not leave servers behind.
process.once('exit', () => {
  for (const peer of running) sendSignal(peer.pid, 'SIGKILL');
});

/** Signals a PID; a process that is already gone (ESRCH) is what the caller wanted anyway. */
function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function spawnPeer(name: string, command: string, args: readonly string[], cwd?: string): ChildPeer {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    throw new PeerStartError(`could not start ${name} (${command}): is it installed and on PATH?`);
  }
  const pid = child.pid;
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      running.delete(peer);
      resolve(signal ?? `code ${String(code)}`);
    });
  });
  const peer: ChildPeer = {
    pid,
    name,
    exited,
    stdout: child.stdout,
    hasExited: () => exitedFlag,
    stderrTail: () => stderr.trim(),
    async stop(graceMs = 5000) {
      if (exitedFlag) return;
      sendSignal(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!exitedFlag) sendSignal(pid, 'SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(peer);
  return peer;
}

/**
 * Polls `probe` until it returns true; fails early with the peer's stderr when the process exits,
 * and after `timeoutMs` when it never gets ready.
 */
export async function waitUntilReady(
  peer: ChildPeer,
  probe: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (peer.hasExited()) {
      throw new PeerStartError(`${peer.name} (pid ${peer.pid}) exited while starting: ${peer.stderrTail()}`);
    }
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error; // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await peer.stop();
  throw new PeerStartError(
    `${peer.name} did not get ready within ${timeoutMs} ms; stderr: ${peer.stderrTail() || '(empty)'}`,
    { cause: lastError },
  );
}
