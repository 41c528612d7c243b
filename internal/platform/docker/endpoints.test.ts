import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverEndpoints, type DockerConfigError, type DockerEndpoint } from './endpoints.js';

let home: string;
const servers: Server[] = [];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'endpoints-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  await rm(home, { recursive: true, force: true });
});

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** A real unix socket, so `exists` is checked against what an engine would create. */
async function listen(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen(path, done));
}

async function writeContext(name: string, host: string, extra: object = {}): Promise<string> {
  const id = createHash('sha256').update(name).digest('hex');
  await write(
    join(home, '.docker', 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, ...extra } } }),
  );
  return join(home, '.docker', 'contexts', 'tls', id, 'docker');
}

async function discover(env: Record<string, string> = {}, os: NodeJS.Platform = 'linux') {
  const problems: DockerConfigError[] = [];
  const endpoints = await discoverEndpoints(env, { homeDir: home, os, onProblem: (p) => problems.push(p) });
  return { endpoints, problems, byId: (id: string) => endpoints.find((e) => e.id === id) };
}

function defaults(endpoints: readonly DockerEndpoint[]): string[] {
  return endpoints.filter((e) => e.isDefault).map((e) => e.id);
}

describe('discoverEndpoints', () => {
  it('lists the OS defaults on Linux, with the system socket as the default', async () => {
    const { endpoints, problems } = await discover({ XDG_RUNTIME_DIR: join(home, 'run') });
    expect(endpoints.map((e) => [e.id, e.host])).toEqual([
      ['docker-desktop', `unix://${home}/.docker/desktop/docker.sock`],
      ['system', 'unix:///var/run/docker.sock'],
      ['rootless', `unix://${home}/run/docker.sock`],
      ['orbstack', `unix://${home}/.orbstack/run/docker.sock`],
      ['rancher-desktop', `unix://${home}/.rd/docker.sock`],
      ['podman', `unix://${home}/run/podman/podman.sock`],
      ['podman-rootful', 'unix:///run/podman/podman.sock'],
      ['colima:default', `unix://${home}/.colima/default/docker.sock`],
    ]);
    expect(defaults(endpoints)).toEqual(['system']);
    expect(problems).toEqual([]);
  });

  it('uses the macOS Docker Desktop socket and finds Podman machine sockets', async () => {
    await listen(join(home, '.local/share/containers/podman/machine/dev/podman.sock'));
    const tmp = join(home, 'tmp');
    await listen(join(tmp, 'podman', 'podman-machine-default-api.sock'));
    const { byId } = await discover({ TMPDIR: tmp }, 'darwin');
    expect(byId('docker-desktop')?.host).toBe(`unix://${home}/.docker/run/docker.sock`);
    expect(byId('podman-machine:dev')).toMatchObject({ name: 'dev', exists: true });
    expect(byId('podman-machine:podman-machine-default')).toMatchObject({
      host: `unix://${tmp}/podman/podman-machine-default-api.sock`,
      exists: true,
    });
  });

  it('uses the named pipe on Windows', async () => {
    const { endpoints } = await discover({}, 'win32');
    expect(endpoints.map((e) => [e.id, e.host, e.isDefault])).toEqual([
      ['docker-desktop', 'npipe:////./pipe/docker_engine', true],
      ['podman-machine:podman-machine-default', 'npipe:////./pipe/podman-machine-default', false],
    ]);
  });

  it('marks which sockets exist', async () => {
    await listen(join(home, '.orbstack/run/docker.sock'));
    const { byId } = await discover();
    expect(byId('orbstack')?.exists).toBe(true);
    expect(byId('rancher-desktop')?.exists).toBe(false);
  });

  it('finds every Colima profile and skips its internal directories', async () => {
    await listen(join(home, '.colima/default/docker.sock'));
    await listen(join(home, '.colima/work/docker.sock'));
    await mkdir(join(home, '.colima/_lima'), { recursive: true });
    const { endpoints } = await discover();
    const colima = endpoints.filter((e) => e.source.startsWith('colima:'));
    expect(colima.map((e) => [e.id, e.name, e.exists])).toEqual([
      ['colima:default', 'colima', true],
      ['colima:work', 'colima-work', true],
    ]);
  });

  it('puts DOCKER_HOST first and makes it the default, over contexts', async () => {
    await writeContext('remote', 'tcp://10.0.0.1:2375');
    await write(join(home, '.docker/config.json'), JSON.stringify({ currentContext: 'remote' }));
    const { endpoints } = await discover({ DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'remote' });
    expect(endpoints[0]).toMatchObject({
      id: 'DOCKER_HOST',
      host: 'tcp://127.0.0.1:2375',
      isDefault: true,
      exists: true,
    });
    expect(endpoints[0]?.tls).toBeUndefined();
    expect(defaults(endpoints)).toEqual(['DOCKER_HOST']);
    expect(endpoints[1]?.id).toBe('context:remote');
  });

  it('reads a bare host:port in DOCKER_HOST as tcp://', async () => {
    const { endpoints } = await discover({ DOCKER_HOST: 'example.test:2375' });
    expect(endpoints[0]?.host).toBe('tcp://example.test:2375');
  });

  it('takes TLS for DOCKER_HOST from DOCKER_CERT_PATH and DOCKER_TLS_VERIFY', async () => {
    const { endpoints } = await discover({
      DOCKER_HOST: 'tcp://h:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/certs',
    });
    expect(endpoints[0]?.tls).toEqual({
      ca: '/certs/ca.pem',
      cert: '/certs/cert.pem',
      key: '/certs/key.pem',
      verify: true,
    });
  });

  it('looks for the TLS files in the config directory when only DOCKER_TLS_VERIFY is set', async () => {
    const { endpoints } = await discover({
      DOCKER_HOST: 'tcp://h:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CONFIG: '/cfg',
    });
    expect(endpoints[0]?.tls).toMatchObject({ ca: '/cfg/ca.pem', verify: true });
  });

  it('uses TLS without verification when DOCKER_CERT_PATH is set without DOCKER_TLS_VERIFY', async () => {
    const { endpoints } = await discover({ DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: '/certs' });
    expect(endpoints[0]?.tls?.verify).toBe(false);
  });

  it('reports an unsupported DOCKER_HOST scheme and goes on', async () => {
    const { endpoints, problems } = await discover({ DOCKER_HOST: 'http://h:2375' });
    expect(problems.map((p) => p.input)).toEqual(['DOCKER_HOST']);
    expect(problems[0]?.message).toMatch(/unix:\/\/, tcp:\/\//);
    expect(defaults(endpoints)).toEqual(['system']);
  });

  it('makes DOCKER_CONTEXT the default over currentContext', async () => {
    await writeContext('a', 'tcp://a:2375');
    await writeContext('b', 'tcp://b:2375');
    await write(join(home, '.docker/config.json'), JSON.stringify({ currentContext: 'a' }));
    const { endpoints } = await discover({ DOCKER_CONTEXT: 'b' });
    expect(endpoints.slice(0, 2).map((e) => e.id)).toEqual(['context:b', 'context:a']);
    expect(defaults(endpoints)).toEqual(['context:b']);
  });

  it('reads currentContext from $DOCKER_CONFIG/config.json', async () => {
    const configDir = join(home, 'elsewhere');
    const id = createHash('sha256').update('colima').digest('hex');
    await write(
      join(configDir, 'contexts/meta', id, 'meta.json'),
      JSON.stringify({ Name: 'colima', Endpoints: { docker: { Host: 'unix:///colima.sock' } } }),
    );
    await write(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'colima' }));
    const { endpoints } = await discover({ DOCKER_CONFIG: configDir });
    expect(endpoints[0]).toMatchObject({
      id: 'context:colima',
      name: 'colima',
      host: 'unix:///colima.sock',
      isDefault: true,
    });
  });

  it('reads a context’s TLS material and SkipTLSVerify', async () => {
    const tlsDir = await writeContext('secure', 'tcp://s:2376', { SkipTLSVerify: true });
    await write(join(tlsDir, 'ca.pem'), 'ca');
    await write(join(tlsDir, 'cert.pem'), 'cert');
    await write(join(tlsDir, 'key.pem'), 'key');
    const { byId } = await discover();
    expect(byId('context:secure')?.tls).toEqual({
      ca: join(tlsDir, 'ca.pem'),
      cert: join(tlsDir, 'cert.pem'),
      key: join(tlsDir, 'key.pem'),
      verify: false,
    });
  });

  it('gives a context without TLS files no TLS', async () => {
    await writeContext('plain', 'tcp://p:2375');
    const { byId } = await discover();
    expect(byId('context:plain')?.tls).toBeUndefined();
  });

  it('keeps one endpoint per socket, even through a link, preferring the context', async () => {
    const real = join(home, '.docker/desktop/docker.sock');
    await listen(real);
    await writeContext('desktop-linux', `unix://${real}`);
    await mkdir(join(home, '.rd'), { recursive: true });
    await symlink(real, join(home, '.rd/docker.sock'));
    const { endpoints } = await discover();
    const onDesktop = endpoints.filter((e) => e.exists && e.host.includes('.docker/desktop'));
    expect(onDesktop.map((e) => e.id)).toEqual(['context:desktop-linux']);
    expect(endpoints.find((e) => e.id === 'docker-desktop' || e.id === 'rancher-desktop')).toBeUndefined();
  });

  it('keeps names unique when a context is named like a well-known socket', async () => {
    await writeContext('orbstack', 'tcp://o:2375');
    const { endpoints } = await discover();
    const names = endpoints.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('orbstack (orbstack)');
  });

  it('reports a broken config.json without quoting it (it can hold credentials) and goes on', async () => {
    await write(join(home, '.docker/config.json'), '{"auths":{"r":{"auth":"c2VjcmV0"}} oops');
    const { endpoints, problems } = await discover();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.input).toBe(join(home, '.docker/config.json'));
    expect(problems[0]?.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(problems[0]) + String(problems[0]?.cause) + problems[0]?.message).not.toContain(
      'c2VjcmV0',
    );
    expect(defaults(endpoints)).toEqual(['system']);
  });

  it('reports a context meta.json without a host and a current context that does not exist', async () => {
    const id = createHash('sha256').update('broken').digest('hex');
    await write(
      join(home, '.docker/contexts/meta', id, 'meta.json'),
      JSON.stringify({ Name: 'broken', Endpoints: {} }),
    );
    const { endpoints, problems } = await discover({ DOCKER_CONTEXT: 'missing' });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('has no Name or Endpoints.docker.Host'),
      expect.stringContaining('context "missing" does not exist'),
    ]);
    expect(endpoints.some((e) => e.id === 'context:broken')).toBe(false);
    expect(defaults(endpoints)).toEqual(['system']);
  });

  it('treats the context named "default" as the default socket, without a problem', async () => {
    await write(join(home, '.docker/config.json'), JSON.stringify({ currentContext: 'default' }));
    const { endpoints, problems } = await discover();
    expect(problems).toEqual([]);
    expect(defaults(endpoints)).toEqual(['system']);
  });
});
