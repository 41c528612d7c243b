// The Docker platform against a real dockerd (Debian's 20.10) pulling from a real local registry.
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerNode, GraphNode, ImageNode } from '../../internal/graph/types.js';
import { DockerPlatform } from '../../internal/platform/docker/docker-platform.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { busyboxAvailable, hostPlatform, pushImage, type PushedImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import {
  composeLabels,
  nodeIds,
  openPipes,
  pull,
  Recorder,
  removeAll,
  removedIds,
  run,
  socketEndpoint,
} from './engine-helpers.js';

const unavailable = dockerdAvailable() ?? registryAvailable('none') ?? busyboxAvailable();
const FAST_RECONNECT = { baseMs: 50, maxMs: 200 };

describe.skipIf(unavailable !== null)(
  `DockerPlatform on a real dockerd (skipped when: ${unavailable ?? 'n/a'})`,
  () => {
    let registry: RegistryPeer;
    let dockerd: DockerdPeer;
    let docker: Dockerode;
    let app: PushedImage;
    let appAsDocker: PushedImage;
    const platforms: DockerPlatform[] = [];

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      const spec = {
        platforms: [hostPlatform()],
        runnable: true,
        labels: { 'cupdate.config.pin': 'major', other: 'x' },
      } as const;
      app = await pushImage(registry, 'team/app', ['1.0'], { ...spec, format: 'oci' });
      // The same config under Docker media types: one image id, another manifest digest.
      appAsDocker = await pushImage(registry, 'mirror/app', ['1.0'], { ...spec, format: 'docker' });
      dockerd = await startDockerd();
      docker = new Dockerode({ socketPath: dockerd.socketPath });
      await pull(docker, `${registry.host}/team/app:1.0`);
      await pull(docker, `${registry.host}/mirror/app:1.0`);
    });
    afterEach(async () => {
      await Promise.all(platforms.splice(0).map((p) => p.stop()));
      await removeAll(docker);
    });
    afterAll(async () => {
      await dockerd?.stop();
      await registry?.stop();
    });

    function watch(options: { includeStopped?: boolean; coalesceMs?: number } = {}): {
      platform: DockerPlatform;
      recorder: Recorder;
      started: Promise<void>;
    } {
      const platform = new DockerPlatform({
        endpoint: socketEndpoint('test', dockerd.socketPath),
        reconnect: FAST_RECONNECT,
        ...options,
      });
      platforms.push(platform);
      const recorder = new Recorder();
      return { platform, recorder, started: platform.start(recorder.emit, new AbortController().signal) };
    }

    const byKind = <K extends GraphNode['kind']>(nodes: readonly GraphNode[], kind: K) =>
      nodes.filter((n): n is Extract<GraphNode, { kind: K }> => n.kind === kind);

    it('emits the running containers as image → container → compose service → project → host', async () => {
      const web = await run(docker, {
        name: 'web',
        image: `${registry.host}/team/app:1.0`,
        labels: composeLabels('shop', 'web'),
      });
      const { recorder, started } = watch();
      await started;
      expect(recorder.statuses().map((s) => s.state)).toEqual(['connecting', 'live']);
      const nodes = recorder.graphNodes();
      const [image] = byKind(nodes, 'image');
      expect(image).toMatchObject({
        id: `docker:test/image/${registry.host}/team/app:1.0@${app.digest}`,
        name: `${registry.host}/team/app:1.0`,
        reference: `${registry.host}/team/app:1.0@${app.digest}`,
        os: 'linux',
        architecture: hostPlatform().architecture,
        labels: { 'cupdate.config.pin': 'major' },
      });
      const [container] = byKind(nodes, 'container');
      expect(container).toMatchObject({
        id: `docker:test/container/${web.id}`,
        name: 'web',
        state: 'running',
        role: 'container',
      });
      expect(container?.labels).toMatchObject(composeLabels('shop', 'web'));
      const [host] = byKind(nodes, 'docker-host');
      expect(host).toMatchObject({
        endpoint: `unix://${dockerd.socketPath}`,
        os: 'linux',
        engineVersion: expect.stringMatching(/^20\./),
      });
      const graph = recorder.events.find((e) => e.type === 'graph');
      expect(graph?.type === 'graph' && graph.edges).toEqual(
        expect.arrayContaining([
          { from: image?.id, to: container?.id },
          { from: container?.id, to: 'docker:test/compose-service/shop/web' },
          { from: 'docker:test/compose-service/shop/web', to: 'docker:test/compose-project/shop' },
          { from: 'docker:test/compose-project/shop', to: host?.id },
        ]),
      );
    });

    it('patches containers as they are created, started, stopped and removed (running only)', async () => {
      const { recorder, started } = watch();
      await started;
      const mark = recorder.events.length;
      const worker = await run(docker, {
        name: 'worker',
        image: `${registry.host}/team/app:1.0`,
        labels: composeLabels('shop', 'worker'),
      });
      const containerId = `docker:test/container/${worker.id}`;
      const added = await recorder.waitFor(
        'the worker added',
        () => nodeIds(recorder.patches(mark), 'add-node').includes(containerId) && recorder.patches(mark),
      );
      expect(nodeIds(added, 'add-node')).toEqual(
        expect.arrayContaining([
          'docker:test/compose-service/shop/worker',
          'docker:test/compose-project/shop',
        ]),
      );
      const afterStart = recorder.events.length;
      await worker.stop({ t: 0 });
      await recorder.waitFor('the stopped worker removed', () =>
        removedIds(recorder.patches(afterStart)).includes(containerId),
      );
      // The project goes with its last container; the host stays.
      expect(removedIds(recorder.patches(afterStart))).toContain('docker:test/compose-project/shop');
      expect(removedIds(recorder.patches(afterStart))).not.toContain('docker:test/docker-host/test');
    });

    it('with includeStopped, shows a stopped container as exited and removes it when it is deleted', async () => {
      const stopped = await run(docker, {
        name: 'stopped',
        image: `${registry.host}/team/app:1.0`,
        start: false,
      });
      const { recorder, started } = watch({ includeStopped: true });
      await started;
      const containerId = `docker:test/container/${stopped.id}`;
      expect(byKind(recorder.graphNodes(), 'container')).toEqual([
        expect.objectContaining({ id: containerId, state: 'created' }),
      ]);
      const mark = recorder.events.length;
      await stopped.start();
      await recorder.waitFor('running', () =>
        recorder
          .patches(mark)
          .some((p) => p.op === 'update-node' && (p.node as ContainerNode).state === 'running'),
      );
      await stopped.stop({ t: 0 });
      await recorder.waitFor('exited', () =>
        recorder
          .patches(mark)
          .some((p) => p.op === 'update-node' && (p.node as ContainerNode).state === 'exited'),
      );
      await stopped.remove();
      await recorder.waitFor('removed', () => removedIds(recorder.patches(mark)).includes(containerId));
    });

    it('coalesces the events of a burst into a patch per window (1 s windows here)', async () => {
      // A wide window keeps the count independent of how fast this machine creates containers.
      const { recorder, started } = watch({ coalesceMs: 1000 });
      await started;
      const mark = recorder.events.length;
      await Promise.all(
        [1, 2, 3, 4].map((n) => run(docker, { name: `burst-${n}`, image: `${registry.host}/team/app:1.0` })),
      );
      await recorder.waitFor('four containers', () => byKind(added(), 'container').length === 4);
      // 8 events (create + start each) in under 2 s: at most 3 windows, where one patch per event
      // would be 8 messages.
      expect(recorder.events.slice(mark).filter((e) => e.type === 'patch').length).toBeLessThanOrEqual(3);

      function added(): GraphNode[] {
        return recorder.patches(mark).flatMap((p) => (p.op === 'add-node' ? [p.node] : []));
      }
    });

    it('picks the RepoDigest of the configured repository when the image has two', async () => {
      const inspected = await docker.getImage(`${registry.host}/team/app:1.0`).inspect();
      expect(inspected.RepoDigests).toHaveLength(2); // precondition: one image id, pulled from two repositories
      expect(app.digest).not.toBe(appAsDocker.digest);
      await run(docker, { name: 'from-app', image: `${registry.host}/team/app:1.0` });
      await run(docker, { name: 'from-mirror', image: `${registry.host}/mirror/app:1.0` });
      const { recorder, started } = watch();
      await started;
      const references = byKind(recorder.graphNodes(), 'image')
        .map((i) => i.reference)
        .sort();
      expect(references).toEqual(
        [
          `${registry.host}/mirror/app:1.0@${appAsDocker.digest}`,
          `${registry.host}/team/app:1.0@${app.digest}`,
        ].sort(),
      );
    });

    it('reports a container started from a bare image id as unresolvable, not guessed', async () => {
      const { Id } = await docker.getImage(`${registry.host}/team/app:1.0`).inspect();
      await run(docker, { name: 'by-id', image: Id });
      const { recorder, started } = watch();
      await started;
      const [image] = byKind(recorder.graphNodes(), 'image') as ImageNode[];
      expect(image?.reference).toBeUndefined();
      expect(image?.unresolvable).toMatch(/started from the image id "sha256:[a-f0-9]{64}"/);
      expect(image?.id).toBe(`docker:test/image/${Id}`);
    });

    it('goes degraded when dockerd stops and live again with a relist when it is back', async () => {
      const lost = await run(docker, { name: 'lost', image: `${registry.host}/team/app:1.0` });
      const kept = await run(docker, {
        name: 'kept',
        image: `${registry.host}/team/app:1.0`,
        restartAlways: true,
      });
      const { recorder, started } = watch();
      await started;
      const mark = recorder.events.length;
      await dockerd.stopDaemon();
      const degraded = await recorder.waitForStatus('degraded', mark);
      expect(degraded).toMatchObject({
        reason: expect.stringContaining('lost the connection to Docker endpoint "test"'),
      });
      await dockerd.startDaemon();
      await recorder.waitForStatus('live', mark);
      // `lost` did not survive the daemon's restart; `kept` came back with its restart policy (dockerd
      // may restart it just after the relist: then it is removed and added again).
      await recorder.waitFor('the relist', () =>
        removedIds(recorder.patches(mark)).includes(`docker:test/container/${lost.id}`),
      );
      await recorder.waitFor('kept back', () => recorder.graph().has(`docker:test/container/${kept.id}`));
      expect(recorder.graph().has(`docker:test/container/${lost.id}`)).toBe(false);
      expect(recorder.events.slice(mark).some((e) => e.type === 'graph')).toBe(false);
    });

    it('starts failed when dockerd is down, names the endpoint, and connects once it is up', async () => {
      await dockerd.stopDaemon();
      const { recorder, started } = watch();
      try {
        await started;
        const [first] = recorder.statuses().filter((s) => s.state === 'failed');
        expect(first).toMatchObject({
          reason: expect.stringMatching(/Docker endpoint "test" \(unix:.*\).*start/),
        });
        await recorder.waitFor(
          'a retry',
          () => recorder.statuses().filter((s) => s.state === 'failed').length >= 2,
        );
      } finally {
        await dockerd.startDaemon();
      }
      await recorder.waitForStatus('live');
      expect(recorder.events.filter((e) => e.type === 'graph')).toHaveLength(1);
    });

    it('closes its sockets on stop and reports stopped', async () => {
      const before = openPipes();
      const { platform, recorder, started } = watch();
      await started;
      expect(openPipes()).toBeGreaterThan(before); // the /events stream
      await platform.stop();
      await platform.stop(); // idempotent
      await new Promise((resolve) => setImmediate(resolve));
      expect(openPipes()).toBe(before);
      expect(recorder.statuses().at(-1)).toEqual({ state: 'stopped' });
    });
  },
);
