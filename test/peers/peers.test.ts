import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageSpecError, RegistryRequestError } from './errors.js';
import { sha256Digest } from './image-builder.js';
import {
  buildImage,
  busyboxAvailable,
  hostPlatform,
  MANIFEST_ACCEPT,
  MEDIA_TYPES,
  pushImage,
  type ImageSpec,
} from './images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from './registry.js';
import { seedStandard, STANDARD_FIXTURES, type SeededImages } from './seed.js';

const TWO_PLATFORMS: ImageSpec['platforms'] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
];
const noRegistry = registryAvailable('none');
const noBasic = registryAvailable('basic');
const noToken = registryAvailable('token');
const noBusybox = busyboxAvailable();

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function getManifest(
  registry: { url: string },
  repository: string,
  reference: string,
  authorization?: string,
) {
  return fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
  });
}

describe('image specs the harness cannot build', () => {
  it('rejects annotations on a Docker image with a typed error naming the field', () => {
    expect(() => buildImage({ format: 'docker', platforms: TWO_PLATFORMS, annotations: { a: 'b' } })).toThrow(
      ImageSpecError,
    );
    expect(() => buildImage({ format: 'docker', platforms: TWO_PLATFORMS, annotations: { a: 'b' } })).toThrow(
      /annotations/,
    );
  });

  it('rejects an image with no platform or a repeated one', () => {
    expect(() => buildImage({ format: 'oci', platforms: [] })).toThrow(/platforms is empty/);
    expect(() => buildImage({ format: 'oci', platforms: [hostPlatform(), hostPlatform()] })).toThrow(
      /repeats/,
    );
  });

  it('rejects a push target whose URL is malformed or holds credentials, without echoing them', async () => {
    const spec: ImageSpec = { format: 'oci', platforms: [hostPlatform()] };
    const withCredentials = pushImage({ url: 'http://user:s3cret@127.0.0.1:1' }, 'a/b', ['1'], spec);
    await expect(withCredentials).rejects.toThrow(/holds credentials: pass username and password/);
    await expect(withCredentials).rejects.not.toThrow(/s3cret/);
    await expect(pushImage({ url: 'not a url' }, 'a/b', ['1'], spec)).rejects.toThrow(ImageSpecError);
  });

  it.skipIf(noBusybox !== null)(
    `rejects a runnable image for another architecture (skipped without busybox-static: ${noBusybox})`,
    () => {
      const other = hostPlatform().architecture === 'amd64' ? TWO_PLATFORMS[1] : TWO_PLATFORMS[0];
      expect(() => buildImage({ format: 'oci', platforms: [other!], runnable: true })).toThrow(
        /host platform/,
      );
    },
  );
});

describe.skipIf(noRegistry !== null)(`registry without auth (skipped: ${noRegistry})`, () => {
  let registry: RegistryPeer;
  let seeded: SeededImages;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    seeded = await seedStandard(registry);
  });
  afterAll(async () => registry?.stop());

  it('serves a pushed OCI index with its media type and digest under the full Accept header', async () => {
    const image = seeded.multiOci.tags['1.25.1'];
    const response = await getManifest(registry, STANDARD_FIXTURES.multiOci.repository, '1.25.1');
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(MEDIA_TYPES.oci.index);
    expect(response.headers.get('docker-content-digest')).toBe(image.digest);
    expect(sha256Digest(body)).toBe(image.digest);
    const index = JSON.parse(body.toString()) as {
      manifests: { digest: string; platform: object }[];
      annotations: Record<string, string>;
    };
    expect(index.manifests.map((manifest) => manifest.platform)).toEqual(TWO_PLATFORMS);
    expect(index.manifests.map((manifest) => manifest.digest)).toEqual(image.manifests.map((m) => m.digest));
    expect(index.annotations['org.opencontainers.image.version']).toBe('1.25.1');
  });

  it('serves a Docker manifest list and its arm64 child with their own media types', async () => {
    const image = seeded.multiDocker.tags.latest;
    expect(image).toBe(seeded.multiDocker.tags['3.20']);
    const list = await getManifest(registry, STANDARD_FIXTURES.multiDocker.repository, 'latest');
    await list.body?.cancel();
    expect(list.headers.get('content-type')).toBe(MEDIA_TYPES.docker.index);
    expect(list.headers.get('docker-content-digest')).toBe(image.digest);
    const arm64 = image.manifests.find((manifest) => manifest.platform.architecture === 'arm64');
    const child = await getManifest(registry, STANDARD_FIXTURES.multiDocker.repository, arm64!.digest);
    const manifest = (await child.json()) as { config: { digest: string } };
    expect(child.headers.get('content-type')).toBe(MEDIA_TYPES.docker.manifest);
    expect(manifest.config.digest).toBe(arm64!.configDigest);
  });

  it('lists the fixture tags, and `{"tags": null}` for the repository whose tags were deleted', async () => {
    const list = async (repository: string) =>
      (await (await fetch(`${registry.url}/v2/${repository}/tags/list`)).json()) as { tags: string[] | null };
    const singleOci = await list(STANDARD_FIXTURES.singleOci.repository);
    expect(singleOci.tags?.sort()).toEqual(Object.keys(seeded.singleOci.tags).sort());
    expect(singleOci.tags).toHaveLength(8);
    expect((await list(STANDARD_FIXTURES.empty.repository)).tags).toBeNull();
    expect(seeded.empty.deleted).toHaveLength(1);
  });

  it('gives the same digests for the same spec in another registry, other digests for another salt', async () => {
    const other = await startRegistry({ auth: 'none' });
    try {
      const spec: ImageSpec = {
        format: 'oci',
        platforms: TWO_PLATFORMS,
        labels: { b: '2', a: '1' },
        salt: 'x',
      };
      const here = await pushImage(registry, 'determinism/app', ['1'], spec);
      const there = await pushImage(other, 'elsewhere/app', ['1'], { ...spec, labels: { a: '1', b: '2' } });
      expect(there).toEqual(here);
      const resalted = await pushImage(other, 'elsewhere/app', ['2'], { ...spec, salt: 'y' });
      expect(resalted.digest).not.toBe(here.digest);
    } finally {
      await other.stop();
    }
  });

  it.skipIf(noBusybox !== null)(
    `pushes a runnable layer GNU tar reads back: busybox with sh, sleep applets (skipped: ${noBusybox})`,
    async () => {
      const runnable = seeded.runnable!.tags['1.1'];
      const manifestResponse = await getManifest(
        registry,
        STANDARD_FIXTURES.runnable.repository,
        runnable.digest,
      );
      const manifest = (await manifestResponse.json()) as { layers: { digest: string }[] };
      const layerDigest = manifest.layers[0]!.digest;
      const blob = await fetch(
        `${registry.url}/v2/${STANDARD_FIXTURES.runnable.repository}/blobs/${layerDigest}`,
      );
      const dir = await mkdtemp(join(tmpdir(), 'cupdate-layer-'));
      try {
        await writeFile(join(dir, 'layer.tar.gz'), Buffer.from(await blob.arrayBuffer()));
        const { stdout } = await promisify(execFile)('tar', ['-tvzf', join(dir, 'layer.tar.gz')]);
        expect(stdout).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 1970-01-01 00:00 bin\/busybox$/m);
        expect(stdout).toMatch(/bin\/sh -> busybox$/m);
        expect(stdout).toMatch(/bin\/sleep link to bin\/busybox$/m);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe.skipIf(noBasic !== null)(`registry with basic auth (skipped: ${noBasic})`, () => {
  let registry: RegistryPeer;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic', username: 'alice', password: 'right-password' });
  });
  afterAll(async () => registry?.stop());

  it('accepts the right credentials and answers 401 to wrong or missing ones', async () => {
    const image = await pushImage(registry, 'private/app', ['1.0'], {
      format: 'oci',
      platforms: TWO_PLATFORMS,
    });
    const right = await getManifest(registry, 'private/app', '1.0', basic('alice', 'right-password'));
    await right.body?.cancel();
    expect(right.headers.get('docker-content-digest')).toBe(image.digest);
    for (const authorization of [basic('alice', 'wrong'), undefined]) {
      const refused = await getManifest(registry, 'private/app', '1.0', authorization);
      await refused.body?.cancel();
      expect(refused.status).toBe(401);
    }
    const push = pushImage(
      { url: registry.url, username: 'alice', password: 'wrong' },
      'private/app',
      ['2.0'],
      {
        format: 'oci',
        platforms: TWO_PLATFORMS,
      },
    );
    await expect(push).rejects.toThrow(RegistryRequestError);
    await expect(push).rejects.not.toThrow(/wrong/);
  });
});

describe.skipIf(noToken !== null)(`registry with token auth (skipped: ${noToken})`, () => {
  let registry: RegistryPeer;
  beforeAll(async () => {
    registry = await startRegistry({
      auth: 'token',
      username: 'bob',
      password: 'pw',
      publicRepositories: ['public/app'],
    });
  });
  afterAll(async () => registry?.stop());

  async function token(scope: string, authorization?: string): Promise<Response> {
    const tokenServer = registry.tokenServer!;
    const query = new URLSearchParams({ service: tokenServer.service, scope });
    return fetch(`${tokenServer.realm}?${query}`, { headers: authorization ? { authorization } : {} });
  }

  it('issues tokens the registry accepts; anonymous pulls public repositories only', async () => {
    const publicImage = await pushImage(registry, 'public/app', ['1'], {
      format: 'oci',
      platforms: TWO_PLATFORMS,
    });
    await pushImage(registry, 'private/app', ['1'], { format: 'docker', platforms: TWO_PLATFORMS });

    const anonymousPublic = (await (await token('repository:public/app:pull')).json()) as { token: string };
    const pulled = await getManifest(registry, 'public/app', '1', `Bearer ${anonymousPublic.token}`);
    await pulled.body?.cancel();
    expect(pulled.headers.get('docker-content-digest')).toBe(publicImage.digest);

    const anonymousPrivate = (await (await token('repository:private/app:pull')).json()) as { token: string };
    const refused = await getManifest(registry, 'private/app', '1', `Bearer ${anonymousPrivate.token}`);
    await refused.body?.cancel();
    expect(refused.status).toBe(401);

    const owner = (await (await token('repository:private/app:pull', basic('bob', 'pw'))).json()) as {
      token: string;
      access_token: string;
      expires_in: number;
    };
    expect(owner.access_token).toBe(owner.token);
    expect(owner.expires_in).toBe(300);
    const allowed = await getManifest(registry, 'private/app', '1', `Bearer ${owner.token}`);
    await allowed.body?.cancel();
    expect(allowed.status).toBe(200);
  });

  it('refuses wrong credentials with 401 and counts tokens per scope in /stats', async () => {
    const before = await registry.tokenServer!.stats();
    const wrong = await token('repository:private/app:pull', basic('bob', 'nope'));
    await wrong.body?.cancel();
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 2; i += 1)
      await (await token('repository:stats/app:pull', basic('bob', 'pw'))).text();
    const after = await registry.tokenServer!.stats();
    expect(after.rejected).toBe(before.rejected + 1);
    expect(after.issued).toBe(before.issued + 2);
    expect(after.byScope['repository:stats/app:pull']).toBe(2);
  });
});
