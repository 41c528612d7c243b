// Update actions against a real dockerd pulling from a real registry, through the App: a container
// labelled as `docker compose` labels it, whose compose files exist on disk (the diff is exact and
// keeps the comments, `patch` applies it), and a container made by hand, whose recreate command is
// run with the real docker CLI and must give a container with the same settings on the new image.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeAction, ContainerAction } from '../../internal/actions/types.js';
import { createApp, type App } from '../../internal/app.js';
import { DockerPlatform } from '../../internal/platform/docker/docker-platform.js';
import { pull, removeAll, socketEndpoint } from '../docker/engine-helpers.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { busyboxAvailable, hostPlatform, pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import { onPath } from '../peers/run-tool.js';

const execFileAsync = promisify(execFile);
const unavailable =
  dockerdAvailable() ??
  registryAvailable('none') ??
  busyboxAvailable() ??
  (onPath('docker') ? null : 'the docker CLI is not on PATH') ??
  (onPath('patch') ? null : 'GNU patch is not installed (apt-get install patch)');
const SECRET = 'hunter2 $(not-run)';

describe.skipIf(unavailable !== null)(
  `update actions on a real dockerd (skipped: ${unavailable ?? 'n/a'})`,
  () => {
    let registry: RegistryPeer;
    let dockerd: DockerdPeer;
    let docker: Dockerode;
    let dir: string;
    let project: string;
    let app: App;
    let image: string;
    let compose: string;

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      const spec = { format: 'oci', platforms: [hostPlatform()], runnable: true } as const;
      await pushImage(registry, 'team/app', ['1.0.0'], { ...spec, salt: '1.0.0' });
      await pushImage(registry, 'team/app', ['1.0.1'], { ...spec, salt: '1.0.1' });
      await pushImage(registry, 'team/app', ['1.1.0'], { ...spec, salt: '1.1.0' });
      image = `${registry.host}/team/app:1.0.0`;
      dockerd = await startDockerd();
      docker = new Dockerode({ socketPath: dockerd.socketPath });
      await pull(docker, image);

      dir = await mkdtemp(join(tmpdir(), 'cupdate-actions-docker-'));
      project = join(dir, 'shop');
      await mkdir(join(project, 'data'), { recursive: true });
      compose = [
        '# The shop. Ops: keep these comments.',
        'x-restart: &restart unless-stopped',
        '',
        'services:',
        '  web:',
        `    image: ${image}   # bumped by hand`,
        '    restart: *restart',
        '    network_mode: none',
        '',
      ].join('\n');
      await writeFile(join(project, 'compose.yaml'), compose);

      // What `docker compose up` creates: the project's labels on the container (compose-spec).
      await (
        await docker.createContainer({
          name: 'shop-web-1',
          Image: image,
          Labels: {
            'com.docker.compose.project': 'shop',
            'com.docker.compose.service': 'web',
            'com.docker.compose.project.config_files': join(project, 'compose.yaml'),
            'com.docker.compose.project.working_dir': project,
          },
          StopTimeout: 1,
          HostConfig: { NetworkMode: 'none' },
        })
      ).start();
      // A container made by hand, with settings its replacement must keep.
      await docker.createVolume({ Name: 'plain-data' });
      await (
        await docker.createContainer({
          name: 'plain',
          Image: image,
          Cmd: ['sleep', '7200'],
          Env: [`DB_PASSWORD=${SECRET}`, 'TZ=Europe/Stockholm'],
          Labels: { team: 'shop' },
          StopTimeout: 1,
          HostConfig: {
            NetworkMode: 'none',
            RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
            Binds: [`${join(project, 'data')}:/data:ro`, 'plain-data:/cache'],
          },
        })
      ).start();

      app = createApp({
        dataDir: join(dir, 'app'),
        minimumAgeMs: 0,
        platforms: [new DockerPlatform({ endpoint: socketEndpoint('test', dockerd.socketPath) })],
      });
      await app.start();
      await app.settled();
    });
    afterAll(async () => {
      await app?.stop();
      if (docker !== undefined) await removeAll(docker);
      await dockerd?.stop();
      await registry?.stop();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    const reference = () =>
      app.listImages({ sort: 'name', order: 'asc', limit: 10, offset: 0 }).items[0]!.reference;

    it('diffs the compose file exactly, comments and anchors kept, and patch applies it', async () => {
      const actions = await app.updateActions(reference(), 'minor');
      // Versions only: the check read no manifest of the candidate, and no place here pins a digest,
      // so none is asked for (a pinned place is: see the digest-pin test).
      expect(actions.target).toEqual({ bump: 'minor', tag: '1.1.0', digest: null });
      expect(actions.bumps).toEqual(['minor', 'patch']);
      const web = actions.actions.find((action): action is ComposeAction => action.kind === 'compose')!;
      const file = join(project, 'compose.yaml');
      expect(web).toMatchObject({
        platform: 'docker:test',
        place: ['test', 'shop', 'web'],
        project: 'shop',
        service: 'web',
        files: [file],
        image: `${registry.host}/team/app:1.1.0`,
        notes: [],
        commands: [
          `docker compose -f ${file} -p shop pull web && docker compose -f ${file} -p shop up -d web`,
        ],
      });
      expect(web.edit).toEqual({
        file,
        line: 6,
        directory: project,
        diff: [
          '--- a/compose.yaml',
          '+++ b/compose.yaml',
          '@@ -3,6 +3,6 @@',
          ' ',
          ' services:',
          '   web:',
          `-    image: ${image}   # bumped by hand`,
          `+    image: ${registry.host}/team/app:1.1.0   # bumped by hand`,
          '     restart: *restart',
          '     network_mode: none',
          '',
        ].join('\n'),
      });
      const copy = join(dir, 'copy');
      await mkdir(copy, { recursive: true });
      await writeFile(join(copy, 'compose.yaml'), compose);
      await writeFile(join(dir, 'diff'), web.edit!.diff);
      await execFileAsync('patch', ['-p1', '--quiet', '-i', join(dir, 'diff')], { cwd: copy });
      expect(await readFile(join(copy, 'compose.yaml'), 'utf8')).toBe(
        compose.replace('app:1.0.0 ', 'app:1.1.0 '),
      );
    });

    it('offers a smaller bump than the check’s, with no registry call when nothing pins the image', async () => {
      const actions = await app.updateActions(reference(), 'patch');
      expect(actions.target).toEqual({ bump: 'patch', tag: '1.0.1', digest: null });
      expect(actions.actions.map((action) => action.image)).toEqual([
        `${registry.host}/team/app:1.0.1`,
        `${registry.host}/team/app:1.0.1`,
      ]);
    });

    it('recreates the hand-made container with its settings, the secret never shown', async () => {
      const actions = await app.updateActions(reference(), 'minor');
      expect(JSON.stringify(actions)).not.toContain('hunter2');
      const plain = actions.actions.find((action): action is ContainerAction => action.kind === 'container')!;
      expect(plain.carryOver).toEqual(
        expect.arrayContaining([
          { setting: 'bind', value: `${join(project, 'data')}:/data (read-only)` },
          { setting: 'volume', value: 'plain-data:/cache' },
          { setting: 'env', value: 'DB_PASSWORD (value not shown)' },
          { setting: 'env', value: 'TZ (value not shown)' },
          { setting: 'restart', value: 'on-failure:3' },
          { setting: 'network', value: 'none' },
          { setting: 'label', value: 'team=shop' },
          { setting: 'command', value: '["sleep","7200"]' },
        ]),
      );
      expect(plain.commands).toHaveLength(2);
      // Run them as the user would, with the real docker CLI and the variables exported.
      await execFileAsync('sh', ['-c', plain.commands.join(' && ')], {
        env: {
          PATH: process.env.PATH ?? '',
          DOCKER_HOST: `unix://${dockerd.socketPath}`,
          DB_PASSWORD: SECRET,
          TZ: 'Europe/Stockholm',
        },
      });
      const created = await docker.getContainer('plain').inspect();
      expect(created.Config.Image).toBe(`${registry.host}/team/app:1.1.0`);
      expect(created.Config.Env).toEqual(
        expect.arrayContaining([`DB_PASSWORD=${SECRET}`, 'TZ=Europe/Stockholm']),
      );
      expect(created.Config.Cmd).toEqual(['sleep', '7200']);
      expect(created.Config.Labels).toMatchObject({ team: 'shop' });
      expect(created.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
      expect(created.HostConfig.NetworkMode).toBe('none');
      expect(
        created.Mounts.map(({ Type, Source, Name, Destination, RW }) => ({
          Type,
          Destination,
          RW,
          from: Name ?? Source,
        })),
      ).toEqual(
        expect.arrayContaining([
          { Type: 'bind', Destination: '/data', RW: false, from: join(project, 'data') },
          { Type: 'volume', Destination: '/cache', RW: true, from: 'plain-data' },
        ]),
      );
      expect(created.State.Running).toBe(true);
      const old = await docker.getContainer('plain-old').inspect();
      expect(old.State.Running).toBe(false);
    });
  },
);
