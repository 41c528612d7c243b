// A Docker event stream that stays open but delivers nothing: the real dockerd behind a proxy on
// loopback that freezes the connection without closing it. Short event windows (the daemon ends
// each one on time: its heartbeat) make the stall visible within a second and a half; the
// platform shows it as reconnecting, relists on fresh sockets and finds what changed meanwhile.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerPlatform } from '../../internal/platform/docker/docker-platform.js';
import type { DockerEndpoint } from '../../internal/platform/docker/endpoints.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { FreezingProxy } from '../peers/freezing-proxy.js';
import { busyboxAvailable, hostPlatform, pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import { pull, Recorder, removeAll, run } from './engine-helpers.js';

const unavailable = dockerdAvailable() ?? registryAvailable('none') ?? busyboxAvailable();
const WINDOWS = { windowMs: 1_000, graceMs: 500 };

describe.skipIf(unavailable !== null)(
  `Docker event stream stalls (real dockerd behind a freezing proxy; skipped when: ${unavailable ?? 'n/a'})`,
  () => {
    let registry: RegistryPeer;
    let dockerd: DockerdPeer;
    let docker: Dockerode;
    let image: string;
    let proxy: FreezingProxy;
    let platform: DockerPlatform | undefined;

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      await pushImage(registry, 'team/stall', ['1.0'], {
        format: 'oci',
        platforms: [hostPlatform()],
        runnable: true,
      });
      image = `${registry.host}/team/stall:1.0`;
      dockerd = await startDockerd();
      docker = new Dockerode({ socketPath: dockerd.socketPath });
      await pull(docker, image);
    });
    afterAll(async () => {
      await platform?.stop();
      await proxy?.stop();
      if (docker) await removeAll(docker);
      await dockerd?.stop();
      await registry?.stop();
    });

    it('a quiet stream stays live: the daemon ends every window on time', async () => {
      proxy = await FreezingProxy.start({ path: dockerd.socketPath });
      const recorder = new Recorder();
      platform = watch(proxy);
      await platform.start(recorder.emit, new AbortController().signal);
      await new Promise((resolve) => setTimeout(resolve, 3 * WINDOWS.windowMs));
      expect(recorder.statuses().map((status) => status.state)).toEqual(['connecting', 'live']);
      // A container started now is still seen: the windows follow each other without a gap.
      const web = await run(docker, { name: 'quiet-web', image });
      await recorder.waitFor('the container', () => recorder.graph().has(`docker:stall/container/${web.id}`));
      await platform.stop();
      await proxy.stop();
    });

    it('a frozen stream is reported as reconnecting, then relisted on new sockets with what changed meanwhile', async () => {
      proxy = await FreezingProxy.start({ path: dockerd.socketPath });
      const recorder = new Recorder();
      platform = watch(proxy);
      await platform.start(recorder.emit, new AbortController().signal);
      const mark = recorder.events.length;

      proxy.freeze();
      // Started behind the platform's back: the frozen stream will never tell it.
      const api = await run(docker, { name: 'while-frozen', image });
      const degraded = await recorder.waitForStatus('degraded', mark);
      expect(degraded).toMatchObject({
        reason: expect.stringMatching(
          /^lost the connection to Docker endpoint "stall" \(tcp:\/\/127\.0\.0\.1:\d+\): the event stream stalled: the daemon did not end its 1 s window within 500 ms; retrying in \d+ ms$/,
        ),
      });
      await recorder.waitForStatus('live', mark);
      await recorder.waitFor('the container started while frozen', () =>
        recorder.graph().has(`docker:stall/container/${api.id}`),
      );
      // The frozen connections are left as they were; the platform moved to new ones.
      expect(proxy.frozen).toBeGreaterThan(0);
      expect(proxy.connections).toBeGreaterThan(proxy.frozen);
    });

    function watch(through: FreezingProxy): DockerPlatform {
      const endpoint: DockerEndpoint = {
        id: 'stall',
        name: 'stall',
        source: 'DOCKER_HOST',
        host: `tcp://127.0.0.1:${through.port}`,
        exists: true,
        isDefault: true,
      };
      return new DockerPlatform({ endpoint, reconnect: { baseMs: 50, maxMs: 200 }, eventWindows: WINDOWS });
    }
  },
);
