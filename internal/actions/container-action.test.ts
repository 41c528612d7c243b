import { afterAll, describe, expect, it } from 'vitest';
import type { ContainerSetup } from '../platform/docker/container-setup.js';
import { containerAction } from './container-action.js';
import type { DockerPlace } from './places.js';
import { fakeTools } from './testing/fake-tools.js';
import type { UpdateTarget } from './types.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const target: UpdateTarget = { bump: 'minor', tag: '1.26', digest: DIGEST };

const place: DockerPlace = {
  kind: 'docker',
  platform: 'docker:laptop',
  image: { id: 'i', kind: 'image', platform: 'docker:laptop', name: 'nginx:1.25' },
  container: {
    id: 'docker:laptop/container/abc',
    kind: 'container',
    platform: 'docker:laptop',
    name: 'web',
    role: 'container',
    state: 'running',
  },
  containerId: 'abc',
  host: {
    id: 'h',
    kind: 'docker-host',
    platform: 'docker:laptop',
    name: 'laptop',
    endpoint: 'unix:///var/run/docker.sock',
  },
  compose: null,
  swarmService: null,
};

const setup: ContainerSetup = {
  name: 'web',
  configImage: 'docker.io/library/nginx:1.25',
  ports: [
    { containerPort: '80/tcp', hostIp: '', hostPort: '8080' },
    { containerPort: '443/tcp', hostIp: '127.0.0.1', hostPort: '8443' },
    { containerPort: '53/udp', hostIp: '::1', hostPort: '' },
  ],
  publishAll: false,
  mounts: [
    { type: 'bind', source: '/srv/web, "conf"', target: '/etc/nginx/conf.d', readOnly: true },
    { type: 'volume', name: 'a'.repeat(64), target: '/cache', readOnly: false, anonymous: true },
    { type: 'tmpfs', target: '/run', options: 'size=64m' },
  ],
  env: ['DB_PASSWORD', 'TZ'],
  restart: { name: 'on-failure', maximumRetryCount: 3 },
  network: 'host',
  extraNetworks: ['backend'],
  labels: { team: 'shop' },
  user: '101',
  workingDir: null,
  command: { entrypoint: ['/docker-entrypoint.sh', '--verbose'], cmd: ['nginx', '-g', 'daemon off;'] },
  hostname: null,
  tty: false,
  interactive: false,
  autoRemove: false,
  privileged: false,
  init: true,
  readOnlyRootfs: false,
  capAdd: ['NET_ADMIN'],
  capDrop: [],
  devices: [],
  extraHosts: ['db:10.0.0.5'],
  dns: [],
  securityOpt: [],
  memory: 536870912,
  nanoCpus: 1500000000,
  other: [],
};

describe('containerAction', () => {
  const tools = fakeTools();
  afterAll(() => tools.remove());

  it('pulls in the user’s spelling and recreates with every setting (golden)', () => {
    const action = containerAction({ place, target, docker: [], setup });
    expect(action.image).toBe('docker.io/library/nginx:1.26');
    expect(action.commands).toEqual([
      'docker pull docker.io/library/nginx:1.26',
      ': "${DB_PASSWORD?set DB_PASSWORD first, docker inspect shows its value}" "${TZ?set TZ first, docker inspect shows its value}"' +
        ' && docker rename web web-old && docker stop web-old && docker run --detach --name web' +
        " --publish 8080:80/tcp --publish 127.0.0.1:8443:443/tcp --publish '[::1]:53/udp'" +
        ' --mount \'type=bind,"source=/srv/web, ""conf""",target=/etc/nginx/conf.d,readonly\'' +
        ` --mount type=volume,source=${'a'.repeat(64)},target=/cache --tmpfs /run:size=64m` +
        ' --env "DB_PASSWORD=${DB_PASSWORD?set DB_PASSWORD first, docker inspect shows its value}"' +
        ' --env "TZ=${TZ?set TZ first, docker inspect shows its value}"' +
        ' --restart on-failure:3 --network host --label team=shop --user 101 --init --cap-add NET_ADMIN' +
        ' --add-host db:10.0.0.5 --memory 536870912b --cpus 1.5 --entrypoint /docker-entrypoint.sh' +
        " docker.io/library/nginx:1.26 --verbose nginx -g 'daemon off;'" +
        ' && docker network connect backend web',
    ]);
    expect(action.carryOver).toContainEqual({ setting: 'env', value: 'DB_PASSWORD (value not shown)' });
    expect(action.carryOver).toContainEqual({
      setting: 'volume',
      value: `${'a'.repeat(64)}:/cache, anonymous: reused by name so its data stays`,
    });
    expect(action.notes.join(' ')).toMatch(/export DB_PASSWORD, TZ in your shell first/);
  });

  it('runs through a real sh: each setting reaches docker as one word, env from the shell', () => {
    const [pull, recreate] = containerAction({
      place,
      target,
      docker: ['-H', 'ssh://me@box'],
      setup,
    }).commands;
    const secret = `s3cr3t 'quoted' $(not run)`;
    const { calls, status } = tools.run(`${pull} && ${recreate}`, { DB_PASSWORD: secret, TZ: 'UTC' });
    expect(status).toBe(0);
    expect(calls.map((call) => call.slice(0, 4))).toEqual([
      ['docker', '-H', 'ssh://me@box', 'pull'],
      ['docker', '-H', 'ssh://me@box', 'rename'],
      ['docker', '-H', 'ssh://me@box', 'stop'],
      ['docker', '-H', 'ssh://me@box', 'run'],
      ['docker', '-H', 'ssh://me@box', 'network'],
    ]);
    const run = calls[3]!;
    expect(run).toContain(`DB_PASSWORD=${secret}`);
    expect(run).toContain('type=bind,"source=/srv/web, ""conf""",target=/etc/nginx/conf.d,readonly');
    expect(run.slice(-5)).toEqual([
      'docker.io/library/nginx:1.26',
      '--verbose',
      'nginx',
      '-g',
      'daemon off;',
    ]);
  });

  it('touches nothing when a variable is not exported', () => {
    const [, recreate] = containerAction({ place, target, docker: [], setup }).commands;
    const { calls, status, stderr } = tools.run(recreate!, { TZ: 'UTC' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/DB_PASSWORD: set DB_PASSWORD first/);
    expect(calls).toEqual([]);
  });

  it('gives no recreate line when a setting has no flag, and says which', () => {
    const action = containerAction({
      place,
      target,
      docker: [],
      setup: { ...setup, other: ['Sysctls'], env: ['MY VAR', 'HOME'] },
    });
    expect(action.commands).toEqual(['docker pull docker.io/library/nginx:1.26']);
    expect(action.notes.join(' ')).toMatch(/HostConfig\.Sysctls/);
    expect(action.notes.join(' ')).toMatch(/"MY VAR" \(not a shell name\)/);
    // Read from the user's shell, HOME would be theirs, not the container's.
    expect(action.notes.join(' ')).toMatch(/HOME \(your shell has its own HOME\)/);
    expect(action.carryOver).toContainEqual({ setting: 'Sysctls', value: 'set (see docker inspect)' });
  });

  it('keeps a digest pin and says when the settings could not be read', () => {
    const pinned = containerAction({
      place,
      target,
      docker: [],
      setup: { ...setup, configImage: `nginx:1.25@sha256:${'a'.repeat(64)}` },
    });
    expect(pinned.image).toBe(`nginx:1.26@${DIGEST}`);
    const unread = containerAction({ place, target, docker: [], setup: { problem: 'connection refused' } });
    expect(unread.commands).toEqual(['docker pull nginx:1.26']);
    expect(unread.notes[0]).toMatch(/could not be read \(connection refused\)/);
    const unknownDigest = containerAction({
      place: { ...place, image: { ...place.image, name: `nginx:1.25@sha256:${'a'.repeat(64)}` } },
      target: { ...target, digest: null },
      docker: [],
      setup: { problem: 'gone' },
    });
    expect(unknownDigest.commands).toEqual([]);
  });
});
