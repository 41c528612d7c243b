import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dockerDescriptor, dockerPlatformId } from './docker-descriptor.js';

describe('dockerDescriptor', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-docker-kind-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('selects by default the discovered endpoints that exist, and builds one by id', async () => {
    const socket = join(dir, 'docker.sock');
    await writeFile(socket, ''); // discovery only looks for the path
    const found = await dockerDescriptor.discover(
      { env: { DOCKER_HOST: `unix://${socket}` }, homeDir: dir },
      () => undefined,
    );
    const fromEnv = found.endpoints.find((endpoint) => endpoint.id === 'DOCKER_HOST');
    expect(fromEnv).toMatchObject({ host: `unix://${socket}`, exists: true });
    expect(dockerDescriptor.defaults(found)).toEqual(
      found.endpoints.filter((endpoint) => endpoint.exists).map((endpoint) => endpoint.id),
    );
    expect(dockerDescriptor.defaults(found)).toContain('DOCKER_HOST');
    const platform = await dockerDescriptor.build(found, 'DOCKER_HOST', {});
    expect(platform).toMatchObject({ id: 'docker:DOCKER_HOST', type: 'docker' });

    const view = dockerDescriptor.describe(found, {
      selection: { dockerEndpoints: ['DOCKER_HOST'], kubeContexts: [], staticLists: [] },
      status: (id) => (id === 'docker:DOCKER_HOST' ? { state: 'live' } : undefined),
      settings: {},
    });
    expect(view.dockerEndpoints?.find((endpoint) => endpoint.id === 'DOCKER_HOST')).toMatchObject({
      connected: true,
      platformId: 'docker:DOCKER_HOST',
    });
    expect(view.dockerEndpoints?.filter((endpoint) => endpoint.connected)).toHaveLength(1);
  });

  it('builds an address the user typed, named by it, and refuses a name that is neither', async () => {
    const found = await dockerDescriptor.discover({ env: {}, homeDir: dir }, () => undefined);
    const platform = await dockerDescriptor.build(found, 'tcp://127.0.0.1:2375', {});
    expect(platform.id).toBe(dockerPlatformId({ name: 'tcp://127.0.0.1:2375' }));
    expect(platform.id).toBe('docker:tcp://127.0.0.1:2375');
    const ids = found.endpoints.map((endpoint) => endpoint.id).join(', ');
    await expect(dockerDescriptor.build(found, 'gopher://x', {})).rejects.toThrow(
      `"gopher://x" is neither a discovered Docker endpoint (found: ${ids}) nor an address`,
    );
  });

  it('tells warn about a Docker setting it skipped', async () => {
    const warnings: string[] = [];
    await dockerDescriptor.discover({ env: { DOCKER_HOST: 'gopher://x' }, homeDir: dir }, (message) =>
      warnings.push(message),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^docker: DOCKER_HOST: "gopher:\/\/x" is not unix:\/\//),
    ]);
  });
});
