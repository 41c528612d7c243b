// Podman's Docker-compatible API (Podman 4.3, `podman system service`) for integration tests, with
// its own root, runroot and tmpdir in a temporary directory. This VM cannot raise rlimits and has
// no systemd, so containers.conf lowers the default ulimits, uses cgroupfs and file events, and
// gives containers no network (docs/testing.md). Stopped by PID, never by name.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPeer, waitUntilReady } from './child-peer.js';
import { ping, stopLeftovers, unmountUnder } from './dockerd.js';
import { INSTALL_HINT, onPath } from './run-tool.js';

export interface PodmanPeer {
  readonly socketPath: string;
  /** Stops the service and deletes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** Null when Podman can run here, else the reason (for `it.skipIf`). */
export function podmanAvailable(): string | null {
  if (!onPath('podman')) return `podman is not installed; ${INSTALL_HINT}`;
  if (process.getuid?.() !== 0) return 'the Podman test peer runs rootful and needs root';
  return null;
}

const CONTAINERS_CONF = `[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
netns = "none"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
`;

/** `insecureRegistries`: "host:port" of test registries served over plain HTTP. */
export async function startPodman(
  options: { insecureRegistries?: readonly string[] } = {},
): Promise<PodmanPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'podman-'));
  const socketPath = join(dir, 'podman.sock');
  const registries = (options.insecureRegistries ?? [])
    .map((host) => `[[registry]]\nlocation = ${JSON.stringify(host)}\ninsecure = true\n`)
    .join('\n');
  await writeFile(join(dir, 'containers.conf'), CONTAINERS_CONF);
  await writeFile(join(dir, 'registries.conf'), registries);

  // spawnPeer passes no environment of its own, so `env` sets it and then becomes podman (same PID).
  const service = spawnPeer('podman', 'env', [
    `CONTAINERS_CONF=${join(dir, 'containers.conf')}`,
    `CONTAINERS_REGISTRIES_CONF=${join(dir, 'registries.conf')}`,
    'podman',
    `--root=${join(dir, 'root')}`,
    `--runroot=${join(dir, 'runroot')}`,
    `--tmpdir=${join(dir, 'tmp')}`,
    'system',
    'service',
    '--time=0',
    `unix://${socketPath}`,
  ]);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await service.stop(10_000);
    await stopLeftovers(dir);
    await unmountUnder(dir);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(service, () => ping(socketPath), 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { socketPath, stop };
}
