// The Docker platform against Podman's Docker-compatible API (Podman 4.3), pulling from a real
// local registry marked insecure in the peer's registries.conf.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerPlatform } from '../../internal/platform/docker/docker-platform.js';
import { busyboxAvailable, hostPlatform, pushImage, type PushedImage } from '../peers/images.js';
import { podmanAvailable, startPodman, type PodmanPeer } from '../peers/podman.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import * as engine from './engine-helpers.js';

const unavailable = podmanAvailable() ?? registryAvailable('none') ?? busyboxAvailable();

describe.skipIf(unavailable !== null)(
  `DockerPlatform on Podman's Docker API (skipped when: ${unavailable ?? 'n/a'})`,
  () => {
    let registry: RegistryPeer;
    let podman: PodmanPeer;
    let docker: Dockerode;
    let app: PushedImage;
    let platform: DockerPlatform;
    const recorder = new engine.Recorder();

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      app = await pushImage(registry, 'team/app', ['2.0'], {
        format: 'oci',
        platforms: [hostPlatform()],
        runnable: true,
      });
      podman = await startPodman({ insecureRegistries: [registry.host] });
      docker = new Dockerode({ socketPath: podman.socketPath });
      await engine.pull(docker, `${registry.host}/team/app:2.0`);
      await engine.run(docker, {
        name: 'api',
        image: `${registry.host}/team/app:2.0`,
        labels: engine.composeLabels('pod', 'api'),
      });
      platform = new DockerPlatform({ endpoint: engine.socketEndpoint('podman', podman.socketPath) });
      await platform.start(recorder.emit, new AbortController().signal);
    });
    afterAll(async () => {
      await platform?.stop();
      if (docker) await engine.removeAll(docker);
      await podman?.stop();
      await registry?.stop();
    });

    it('lists the running container with its tag and repository digest', () => {
      expect(recorder.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
      const image = recorder.graphNodes().find((n) => n.kind === 'image');
      expect(image).toMatchObject({
        reference: `${registry.host}/team/app:2.0@${app.digest}`,
        os: 'linux',
        architecture: hostPlatform().architecture,
      });
      const host = recorder.graphNodes().find((n) => n.kind === 'docker-host');
      expect(host).toMatchObject({
        engineVersion: expect.stringMatching(/^4\./),
        architecture: hostPlatform().architecture,
      });
      expect(recorder.graphNodes().map((n) => n.id)).toContain('docker:podman/compose-service/pod/api');
    });

    it('follows containers starting and stopping through the event stream', async () => {
      const mark = recorder.events.length;
      const job = await engine.run(docker, { name: 'job', image: `${registry.host}/team/app:2.0` });
      const id = `docker:podman/container/${job.id}`;
      await recorder.waitFor('the job added', () =>
        engine.nodeIds(recorder.patches(mark), 'add-node').includes(id),
      );
      await job.stop({ t: 0 });
      await recorder.waitFor('the job removed', () => engine.removedIds(recorder.patches(mark)).includes(id));
    });

    it('ends every event window on time (it honours `until`), so a quiet stream is never taken for stalled', async () => {
      const quiet = new engine.Recorder();
      const windowed = new DockerPlatform({
        endpoint: engine.socketEndpoint('podman-windows', podman.socketPath),
        eventWindows: { windowMs: 1_000, graceMs: 500 },
      });
      try {
        await windowed.start(quiet.emit, new AbortController().signal);
        await new Promise((resolve) => setTimeout(resolve, 3_500));
        expect(quiet.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
        const late = await engine.run(docker, { name: 'late', image: `${registry.host}/team/app:2.0` });
        await quiet.waitFor('the container started after three windows', () =>
          quiet.graph().has(`docker:podman-windows/container/${late.id}`),
        );
      } finally {
        await windowed.stop();
      }
    });
  },
);
