// The whole app as a user runs it headless: a real registry seeded with the standard fixtures, a
// real dockerd running a container pulled from it, two static lists, a Session (the real core) on
// a temporary data directory, and the `serve` host with the built renderer. Started and stopped by
// the test file that uses it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import type { PlatformSelection } from '../../internal/api/contract.js';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session } from '../../internal/api/session.js';
import { startServe, type ServeHandle } from '../../internal/serve/server.js';
import { pull, removeAll, run } from '../docker/engine-helpers.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { busyboxAvailable } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import { seedStandard, type SeededImages } from '../peers/seed.js';
import { chromiumAvailable } from './browser.js';

const ROOT = new URL('../../', import.meta.url);
export const RENDERER_DIST = join(ROOT.pathname, 'renderer', 'dist');

/** Null when everything the suite needs can run here, else the first reason it cannot. */
export function appUnderTestUnavailable(): string | null {
  return chromiumAvailable() ?? dockerdAvailable() ?? registryAvailable('none') ?? busyboxAvailable();
}

/** Builds renderer/dist when its sources changed (the same step `npm start` runs). */
export async function buildRenderer(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/build-desktop.mjs', '--renderer'], {
    cwd: ROOT.pathname,
  });
}

export interface AppUnderTest {
  /** Pages and the API need the access token: open `signInUrl` once first (it sets the cookie). */
  readonly url: string;
  readonly signInUrl: string;
  readonly session: Session;
  readonly registry: RegistryPeer;
  readonly seeded: SeededImages;
  readonly docker: Dockerode;
  readonly dataDir: string;
  /** The first list (what the app starts with, beside Docker) and the one a context switch selects. */
  readonly lists: { readonly first: string; readonly second: string };
  /** `host/repository:tag` in the seeded registry. */
  ref(repository: string, tag: string): string;
  selection(list: 'first' | 'second'): PlatformSelection;
  /** Starts a container of `image` (pulled first) on the test's dockerd. */
  runContainer(name: string, image: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startAppUnderTest(): Promise<AppUnderTest> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const registry: RegistryPeer = await startRegistry({ auth: 'none' });
    stops.push(() => registry.stop());
    const seeded = await seedStandard(registry);
    const ref = (repository: string, tag: string) => `${registry.host}/${repository}:${tag}`;

    const dockerd: DockerdPeer = await startDockerd();
    stops.push(() => dockerd.stop());
    const docker = new Dockerode({ socketPath: dockerd.socketPath });
    stops.push(() => removeAll(docker));
    const runContainer = async (name: string, image: string) => {
      await pull(docker, image);
      await run(docker, { name, image });
    };
    await runContainer('web', ref('fixtures/runnable', '1.0'));

    const dataDir = await mkdtemp(join(tmpdir(), 'cupdate-e2e-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const lists = { first: join(dataDir, 'first-list.txt'), second: join(dataDir, 'second-list.txt') };
    await writeFile(
      lists.first,
      [
        ref('fixtures/single-oci', '1.0.0'),
        ref('fixtures/single-docker', '1.24'),
        ref('fixtures/multi-oci', '1.25.0'),
      ].join('\n'),
    );
    await writeFile(lists.second, `${ref('fixtures/multi-docker', '3.18')}\n`);
    const selection = (list: 'first' | 'second'): PlatformSelection => ({
      dockerEndpoints: ['DOCKER_HOST'],
      kubeContexts: [],
      staticLists: [lists[list]],
    });

    const session = await openSession({
      dataDir,
      secrets: new MemorySecretStore(),
      selection: selection('first'),
      registry: { insecureRegistries: [registry.host] },
      // Discovery sees only the test's dockerd: no ~/.docker, no kubeconfig of the machine.
      place: { env: { DOCKER_HOST: `unix://${dockerd.socketPath}` }, homeDir: dataDir },
    });
    stops.push(() => session.close());
    const server: ServeHandle = await startServe({
      session,
      staticDir: RENDERER_DIST,
      warn: () => undefined,
    });
    stops.push(() => server.stop());

    return {
      url: server.url,
      signInUrl: server.signInUrl,
      session,
      registry,
      seeded,
      docker,
      dataDir,
      lists,
      ref,
      selection,
      runContainer,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once every image the platforms run has been checked (nothing queued, pending or running). */
export async function settled(app: AppUnderTest, expectedImages: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = app.session.summary();
    const queue = app.session.snapshot().queue;
    if (
      summary.total >= expectedImages &&
      summary.pending + summary.processing === 0 &&
      queue.queued + queue.running === 0
    )
      return;
    if (Date.now() > deadline) {
      throw new Error(`the app did not settle in ${timeoutMs} ms: ${JSON.stringify({ summary, queue })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
