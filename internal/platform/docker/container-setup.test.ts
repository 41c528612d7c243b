// containerSetup on inspect answers shaped like dockerd 20.10's (API v1.41), cut to the fields read.
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerSetup } from './container-setup.js';

const ID = 'f1d2d2f924e986ac86fdf7b36c94bcdf32beec15aaaaaaaaaaaaaaaaaaaaaaaa';
const ANONYMOUS = 'c'.repeat(64);

const image = {
  Config: {
    Env: ['PATH=/usr/local/sbin:/usr/bin', 'NGINX_VERSION=1.25.3'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    Entrypoint: ['/docker-entrypoint.sh'],
    User: '',
    WorkingDir: '',
    Labels: { maintainer: 'NGINX' },
  },
} as unknown as Dockerode.ImageInspectInfo;

function container(overrides: {
  Config?: object;
  HostConfig?: object;
  Mounts?: object[];
  Networks?: object;
}) {
  return {
    Id: ID,
    Name: '/web',
    Image: 'sha256:abc',
    Config: {
      Hostname: ID.slice(0, 12),
      Image: 'nginx:1.25',
      Env: ['PATH=/usr/local/sbin:/usr/bin', 'NGINX_VERSION=1.25.3', 'DB_PASSWORD=hunter2', 'TZ=UTC'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      Entrypoint: ['/docker-entrypoint.sh'],
      User: '',
      WorkingDir: '',
      Labels: { maintainer: 'NGINX', team: 'shop' },
      ...overrides.Config,
    },
    HostConfig: {
      NetworkMode: 'bridge',
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      ShmSize: 67108864,
      IpcMode: 'private',
      ...overrides.HostConfig,
    },
    Mounts: overrides.Mounts ?? [],
    NetworkSettings: { Networks: overrides.Networks ?? { bridge: {} } },
  } as unknown as Dockerode.ContainerInspectInfo;
}

describe('containerSetup', () => {
  it('keeps what the user set and leaves out what the image sets; env by name only', () => {
    const setup = containerSetup(container({}), image);
    expect(setup).toMatchObject({
      name: 'web',
      configImage: 'nginx:1.25',
      env: ['DB_PASSWORD', 'TZ'],
      labels: { team: 'shop' },
      command: null,
      hostname: null,
      restart: null,
      network: null,
      extraNetworks: [],
      other: [],
    });
    expect(JSON.stringify(setup)).not.toContain('hunter2');
  });

  it('reads ports, mounts, restart, networks, command and the settings it has no flag for', () => {
    const setup = containerSetup(
      container({
        Config: { Cmd: ['nginx-debug'], Hostname: 'front' },
        HostConfig: {
          NetworkMode: 'shop',
          PortBindings: {
            '80/tcp': [
              { HostIp: '', HostPort: '8080' },
              { HostIp: '::', HostPort: '8080' },
            ],
          },
          RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
          Tmpfs: { '/run': 'size=64m' },
          Sysctls: { 'net.core.somaxconn': '1024' },
          ShmSize: 134217728,
          Memory: 268435456,
        },
        Mounts: [
          { Type: 'bind', Source: '/srv/conf', Destination: '/etc/nginx', RW: false },
          {
            Type: 'volume',
            Name: ANONYMOUS,
            Source: '/var/lib/docker/volumes/x',
            Destination: '/cache',
            RW: true,
          },
        ],
        Networks: { shop: {}, backend: {} },
      }),
      image,
    );
    expect(setup).toMatchObject({
      ports: [
        { containerPort: '80/tcp', hostIp: '', hostPort: '8080' },
        { containerPort: '80/tcp', hostIp: '::', hostPort: '8080' },
      ],
      mounts: [
        { type: 'bind', source: '/srv/conf', target: '/etc/nginx', readOnly: true },
        { type: 'volume', name: ANONYMOUS, target: '/cache', readOnly: false, anonymous: true },
        { type: 'tmpfs', target: '/run', options: 'size=64m' },
      ],
      restart: { name: 'unless-stopped', maximumRetryCount: 0 },
      network: 'shop',
      extraNetworks: ['backend'],
      command: { entrypoint: null, cmd: ['nginx-debug'] },
      hostname: 'front',
      memory: 268435456,
      other: ['Sysctls', 'ShmSize'],
    });
  });

  it('gives the whole command again when the entrypoint is the user’s (--entrypoint drops the image’s command)', () => {
    const setup = containerSetup(container({ Config: { Entrypoint: ['/bin/sh', '-c'] } }), image);
    expect(setup.command).toEqual({ entrypoint: ['/bin/sh', '-c'], cmd: ['nginx', '-g', 'daemon off;'] });
  });

  it('counts every setting as the user’s when the image is gone', () => {
    expect(containerSetup(container({}), undefined).env).toEqual([
      'PATH',
      'NGINX_VERSION',
      'DB_PASSWORD',
      'TZ',
    ]);
  });
});
