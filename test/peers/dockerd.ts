// A real Docker Engine (Debian's dockerd 20.10) for integration tests: its own data-root,
// exec-root, pidfile and unix socket in a temporary directory, and no networking of its own
// (no iptables, no default bridge: containers run with NetworkMode 'none'; docs/testing.md, "The
// peers"). Stopped by PID, never by name.
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnPeer, waitUntilReady, type ChildPeer } from './child-peer.js';
import { freePort } from './free-port.js';
import { processState } from './process-state.js';
import { INSTALL_HINT, onPath } from './run-tool.js';

const execFileAsync = promisify(execFile);

/** Server-side TLS files; with them dockerd also listens on tcp://127.0.0.1:<port> and verifies clients. */
export interface DockerdTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

export interface DockerdPeer {
  readonly socketPath: string;
  /** `tcp://127.0.0.1:<port>`, when started with `tls`. */
  readonly tcpHost?: string;
  /** Stops the daemon and deletes its directory. Idempotent. */
  stop(): Promise<void>;
  /** Stops the daemon but keeps its data and socket path, to test a lost connection. */
  stopDaemon(): Promise<void>;
  /** Starts the daemon again on the same socket with the same data. */
  startDaemon(): Promise<void>;
}

/** Null when dockerd can run here, else the reason (for `it.skipIf`). */
export function dockerdAvailable(): string | null {
  if (!onPath('dockerd')) return `dockerd is not installed; ${INSTALL_HINT}`;
  if (process.getuid?.() !== 0) return 'dockerd needs root (it mounts overlay file systems and namespaces)';
  return null;
}

export async function startDockerd(options: { tls?: DockerdTls } = {}): Promise<DockerdPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'dockerd-'));
  const socketPath = join(dir, 'docker.sock');
  const tcpHost = options.tls && `tcp://127.0.0.1:${await freePort()}`;
  const tlsArgs = options.tls && tcpHost ? tcpArgs(tcpHost, options.tls) : [];
  let driver: 'overlay2' | 'vfs' = 'overlay2';
  let daemon: ChildPeer | undefined;

  const launch = async (): Promise<void> => {
    const peer = spawnPeer('dockerd', 'dockerd', [...daemonArgs(dir, socketPath, driver), ...tlsArgs]);
    daemon = peer;
    await waitUntilReady(peer, () => ping(socketPath), 20_000);
  };
  const halt = async (): Promise<void> => {
    await daemon?.stop(15_000);
    daemon = undefined;
    await stopLeftovers(dir);
    await unmountUnder(dir);
  };

  try {
    await launch();
  } catch (error) {
    // overlay2 needs a file system that supports it as upper layer; vfs works everywhere.
    await halt();
    driver = 'vfs';
    try {
      await launch();
    } catch (second) {
      await halt();
      await rm(dir, { recursive: true, force: true });
      throw new AggregateError([error, second], 'dockerd did not start with overlay2 nor vfs', {
        cause: second,
      });
    }
  }

  let stopped = false;
  return {
    socketPath,
    ...(tcpHost && { tcpHost }),
    stopDaemon: halt,
    startDaemon: launch,
    async stop() {
      if (stopped) return;
      stopped = true;
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function daemonArgs(dir: string, socketPath: string, driver: string): string[] {
  return [
    `--data-root=${join(dir, 'root')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'docker.pid')}`,
    `--host=unix://${socketPath}`,
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    `--storage-driver=${driver}`,
    // busybox `sleep` as PID 1 ignores SIGTERM; do not wait the default 15 s on shutdown.
    '--shutdown-timeout=1',
  ];
}

function tcpArgs(tcpHost: string, tls: DockerdTls): string[] {
  return [
    `--host=${tcpHost}`,
    '--tlsverify',
    `--tlscacert=${tls.ca}`,
    `--tlscert=${tls.cert}`,
    `--tlskey=${tls.key}`,
  ];
}

/**
 * Waits for the processes an engine started under `dir` (dockerd's containerd, containerd-shim,
 * Podman's conmon: each names the directory on its command line) to exit, then kills what is left
 * with its children, by PID. A containerd that outlives its dockerd still holds the metadata
 * database lock and keeps the next dockerd on the same data-root from starting.
 */
export async function stopLeftovers(dir: string, graceMs = 5000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let left = await processesMentioning(dir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = await processesMentioning(dir);
  }
  for (const pid of left) {
    for (const child of await descendantsOf(pid)) signal(child, 'SIGKILL');
    signal(pid, 'SIGKILL');
  }
}

/** Live (not zombie) processes whose command line contains `text`. */
async function processesMentioning(text: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await allPids()) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text) && (await processState(pid)) !== 'Z') found.push(pid);
  }
  return found;
}

async function descendantsOf(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const pid of await allPids()) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(pid, ppid);
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    frontier = [...parents].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...frontier);
  }
  return found;
}

async function allPids(): Promise<number[]> {
  return (await readdir('/proc'))
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .map(Number);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Unmounts whatever an engine left mounted below `dir`, deepest first: dockerd leaves its default
 * network namespace bind-mounted at <exec-root>/netns/default, Podman its overlay root; either
 * would make the directory impossible to delete.
 */
export async function unmountUnder(dir: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) await execFileAsync('umount', [point]).catch(() => undefined);
}

/** GET /_ping over a unix socket: true once the Engine API answers "OK". */
export function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy(new Error('/_ping timed out')));
    req.on('error', reject);
    req.end();
  });
}
