import { describe, expect, it } from 'vitest';
import type { ContainerFacts } from './container-facts.js';
import { dockerGraph } from './docker-graph.js';
import { hostFacts } from './host-facts.js';
import { runningReference } from './running-reference.js';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const IMAGE_ID = `sha256:${'c'.repeat(64)}`;
const host = hostFacts('desktop', 'unix:///var/run/docker.sock', {
  OSType: 'linux',
  Architecture: 'aarch64',
  ServerVersion: '27.0.1',
});

function container(overrides: Partial<ContainerFacts> & { id: string }): ContainerFacts {
  return {
    name: overrides.id,
    state: 'running',
    running: true,
    configImage: 'nginx:1.25',
    imageId: IMAGE_ID,
    labels: {},
    image: { repoDigests: [`nginx@${DIGEST_A}`], labels: {} },
    ...overrides,
  };
}

describe('runningReference', () => {
  it('joins the configured tag with the RepoDigest of the same normalized repository', () => {
    const digests = [`mirror.example/library/nginx@${DIGEST_B}`, `nginx@${DIGEST_A}`];
    expect(runningReference('nginx:1.25', IMAGE_ID, digests)).toEqual({
      name: 'nginx:1.25',
      reference: `docker.io/library/nginx:1.25@${DIGEST_A}`,
    });
    expect(runningReference('mirror.example/library/nginx:1.25', IMAGE_ID, digests).reference).toBe(
      `mirror.example/library/nginx:1.25@${DIGEST_B}`,
    );
  });

  it('implies :latest like docker does', () => {
    expect(runningReference('docker.io/library/nginx', IMAGE_ID, [`nginx@${DIGEST_A}`]).reference).toBe(
      `docker.io/library/nginx:latest@${DIGEST_A}`,
    );
  });

  it('keeps a digest the container was configured with', () => {
    expect(runningReference(`nginx@${DIGEST_B}`, IMAGE_ID, [`nginx@${DIGEST_A}`]).reference).toBe(
      `docker.io/library/nginx@${DIGEST_B}`,
    );
  });

  it('tracks only the tag of an image without a RepoDigest of its repository, and says why', () => {
    const result = runningReference('myapp:dev', IMAGE_ID, [`nginx@${DIGEST_A}`]);
    expect(result.reference).toBe('docker.io/library/myapp:dev');
    expect(result.unresolvable).toMatch(/not a repository digest/);
  });

  it('does not guess for a container started from an image id, full or short', () => {
    for (const configImage of [IMAGE_ID, 'c'.repeat(64), 'cccccccccccc']) {
      const result = runningReference(configImage, IMAGE_ID, [`nginx@${DIGEST_A}`]);
      expect(result.reference).toBeUndefined();
      expect(result.name).toBe('cccccccccccc');
      expect(result.unresolvable).toContain(`image id "${configImage}"`);
    }
  });

  it('reports an invalid configured image', () => {
    expect(runningReference('Bad:Name', IMAGE_ID, []).unresolvable).toMatch(
      /"Bad:Name" is not a valid reference/,
    );
  });
});

describe('hostFacts', () => {
  it('brings uname architectures to OCI names', () => {
    expect(host).toEqual({
      name: 'desktop',
      endpoint: 'unix:///var/run/docker.sock',
      os: 'linux',
      architecture: 'arm64',
      engineVersion: '27.0.1',
    });
    expect(hostFacts('n', 'e', { Architecture: 'armv7l' })).toMatchObject({
      architecture: 'arm',
      variant: 'v7',
    });
    expect(hostFacts('n', 'e', { Architecture: 'amd64' }).architecture).toBe('amd64'); // Podman already says amd64
  });
});

describe('dockerGraph', () => {
  it('hangs a plain container from the host and shares one image node', () => {
    const graph = dockerGraph('docker:desktop', host, [container({ id: 'one' }), container({ id: 'two' })]);
    const imageId = `docker:desktop/image/docker.io/library/nginx:1.25@${DIGEST_A}`;
    expect(graph.childrenOf(imageId)).toEqual([]);
    expect(graph.parentsOf(imageId).sort()).toEqual([
      'docker:desktop/container/one',
      'docker:desktop/container/two',
    ]);
    expect(graph.parentsOf('docker:desktop/container/one')).toEqual(['docker:desktop/docker-host/desktop']);
    expect(graph.node(imageId)).toMatchObject({ name: 'nginx:1.25', os: 'linux', architecture: 'arm64' });
  });

  it('takes the image’s own platform over the host’s', () => {
    const emulated = container({
      id: 'x',
      image: { repoDigests: [`nginx@${DIGEST_A}`], os: 'linux', architecture: 'amd64', labels: {} },
    });
    const graph = dockerGraph('docker:desktop', host, [emulated]);
    expect([...graph.nodes()].find((n) => n.kind === 'image')).toMatchObject({ architecture: 'amd64' });
  });

  it('builds compose service and project nodes from compose labels', () => {
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db', owner: 'me' };
    const graph = dockerGraph('docker:d', host, [container({ id: 'db1', labels })]);
    expect(graph.ancestors('docker:d/container/db1')).toEqual([
      'docker:d/compose-service/shop/db',
      'docker:d/compose-project/shop',
      'docker:d/docker-host/desktop',
    ]);
    expect(graph.node('docker:d/container/db1')?.labels).toEqual(labels);
  });

  it('builds swarm task and service nodes from swarm labels', () => {
    const labels = { 'com.docker.swarm.service.name': 'web', 'com.docker.swarm.task.name': 'web.1.abc' };
    const graph = dockerGraph('docker:d', host, [container({ id: 't1', labels })]);
    expect(graph.ancestors('docker:d/container/t1')).toEqual([
      'docker:d/swarm-task/web.1.abc',
      'docker:d/swarm-service/web',
      'docker:d/docker-host/desktop',
    ]);
  });

  it('keeps only cupdate.config.* image labels on the image node', () => {
    const image = {
      repoDigests: [`nginx@${DIGEST_A}`],
      labels: { 'cupdate.config.pin': 'minor', maintainer: 'x' },
    };
    const graph = dockerGraph('docker:d', host, [container({ id: 'l', image })]);
    expect([...graph.nodes()].find((n) => n.kind === 'image')?.labels).toEqual({
      'cupdate.config.pin': 'minor',
    });
  });

  it('names the image node by id when it is unresolvable', () => {
    const graph = dockerGraph('docker:d', host, [container({ id: 'u', configImage: IMAGE_ID })]);
    const image = [...graph.nodes()].find((n) => n.kind === 'image');
    expect(image).toMatchObject({ id: `docker:d/image/${IMAGE_ID}`, unresolvable: expect.any(String) });
    expect(image).not.toHaveProperty('reference');
  });
});
