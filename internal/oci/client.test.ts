// RegistryClient against a fake registry (test/fakes/fake-registry.ts) for what distribution 2.8
// cannot show. The real-registry behaviour (auth, Accept, {"tags": null}) is in test/oci/.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/client.js';
import { startLocalHttpServer } from '../http/testing/local-http-server.js';
import {
  startFakeRegistry,
  type FakeRegistry,
  type FakeRegistryOptions,
} from '../../test/fakes/fake-registry.js';
import { RegistryClient } from './client.js';
import {
  DigestMismatchError,
  NotARegistryError,
  RegistryRateLimitedError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
  RepositoryNotFoundError,
} from './errors.js';
import { MEDIA_TYPES } from './manifest.js';
import { parseReference } from './reference.js';
import { DockerConfigCredentials, RegistryCredential, type CredentialProvider } from './credentials.js';

let fake: FakeRegistry | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setUp(options: FakeRegistryOptions = {}, credentials?: CredentialProvider) {
  fake = await startFakeRegistry(options);
  const http = new HttpClient({
    timeoutMs: 2_000,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 1_000 },
  });
  const client = new RegistryClient({ http, ...(credentials ? { credentials } : {}) });
  return { fake, http, client, repo: parseReference(`${fake.host}/team/app`) };
}

function pushImage(registry: FakeRegistry, tag: string, labels: Record<string, string> = {}) {
  const config = Buffer.from(
    JSON.stringify({
      created: '2026-01-01T00:00:00Z',
      os: 'linux',
      architecture: 'amd64',
      config: { Labels: labels },
    }),
  );
  const configDigest = registry.putBlob(config);
  return registry.putManifest(
    'team/app',
    MEDIA_TYPES.ociManifest,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [],
      annotations: { 'org.opencontainers.image.version': tag },
    },
    tag,
  );
}

const fixed = (username: string, password: string): CredentialProvider => ({
  get: async (registry) => new RegistryCredential(registry, 'basic', username, password),
});

describe('RegistryClient tag pagination (fake registry)', () => {
  it.each(['relative', 'absolute'] as const)(
    'follows %s Link headers to the end, sorted and de-duplicated',
    async (linkStyle) => {
      const { fake, client, repo } = await setUp({ pageSize: 2, linkStyle });
      fake.setTags('team/app', ['b', 'a', 'e', 'c', 'd']);
      expect(await client.listTags(repo)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(fake.requests.map((r) => r.path)).toEqual([
        '/v2/team/app/tags/list',
        '/v2/team/app/tags/list?n=2&last=a',
        '/v2/team/app/tags/list?n=2&last=c',
      ]);
    },
  );

  it('serves the tag list from cache within its TTL: no second request', async () => {
    const { fake, client, repo, http } = await setUp();
    fake.setTags('team/app', ['1.0']);
    await client.listTags(repo);
    const before = http.stats().requests;
    expect(await client.listTags(repo)).toEqual(['1.0']);
    expect(http.stats().requests).toBe(before);
  });

  it('an unknown repository is RepositoryNotFoundError naming repository and registry', async () => {
    const { client, fake } = await setUp();
    const error = await client.listTags(parseReference(`${fake.host}/nope/nothing`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepositoryNotFoundError);
    expect((error as Error).message).toContain(`${fake.host}/nope/nothing on registry ${fake.host}`);
  });
});

describe('RegistryClient bad answers (fake registry): typed errors, nothing cached', () => {
  it('429 with Retry-After is RegistryRateLimitedError carrying retryAfterMs; later calls succeed', async () => {
    const { fake, client, repo } = await setUp({ retryAfterSeconds: 3600 });
    fake.setTags('team/app', ['1.0']);
    fake.behaviour = 'rate-limited';
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryRateLimitedError);
    expect((error as RegistryRateLimitedError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect((error as Error).message).toMatch(/retry after 3600 s/);
  });

  it.each(['html', 'truncated', 'garbage'] as const)(
    '%s answers are NotARegistryError and do not poison the cache',
    async (behaviour) => {
      const { fake, client, repo } = await setUp();
      fake.setTags('team/app', ['1.0']);
      pushImage(fake, '1.0');
      fake.behaviour = behaviour;
      await expect(client.listTags(repo)).rejects.toBeInstanceOf(NotARegistryError);
      // A cut or garbled manifest no longer matches its Docker-Content-Digest: that is caught first.
      const manifestError = behaviour === 'html' ? NotARegistryError : DigestMismatchError;
      await expect(client.getManifest(repo, '1.0')).rejects.toBeInstanceOf(manifestError);
      fake.behaviour = 'normal';
      expect(await client.listTags(repo)).toEqual(['1.0']);
      expect((await client.getManifest(repo, '1.0')).kind).toBe('image');
    },
  );

  it('an HTML page on /v2/ fails ping with NotARegistryError', async () => {
    const { fake, client } = await setUp();
    fake.behaviour = 'html';
    const error = await client.ping(fake.host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotARegistryError);
    expect((error as Error).message).toContain('HTML page');
  });

  it('a hanging server is RegistryUnreachableError after the timeout', async () => {
    fake = await startFakeRegistry();
    const client = new RegistryClient({ http: new HttpClient(), timeoutMs: 300 });
    fake.behaviour = 'hang';
    const started = Date.now();
    const error = await client.listTags(parseReference(`${fake.host}/team/app`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a Docker-Content-Digest that does not match the bytes is DigestMismatchError', async () => {
    const { fake, client, repo } = await setUp();
    pushImage(fake, '1.0');
    fake.lieAboutDigest = `sha256:${'0'.repeat(64)}`;
    await expect(client.getManifest(repo, '1.0')).rejects.toBeInstanceOf(DigestMismatchError);
    fake.lieAboutDigest = undefined;
    expect((await client.getManifest(repo, '1.0')).kind).toBe('image');
  });

  it('bytes that do not match the digest asked for are DigestMismatchError', async () => {
    const { fake, client, repo } = await setUp();
    const digest = pushImage(fake, '1.0');
    const wrong = `sha256:${'1'.repeat(64)}`;
    fake.putManifest(
      'team/app',
      MEDIA_TYPES.ociManifest,
      { schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest },
      wrong,
    );
    await expect(client.getManifest(repo, wrong)).rejects.toBeInstanceOf(DigestMismatchError);
    expect((await client.getManifest(repo, digest)).digest).toBe(digest);
  });
});

describe('RegistryClient credentials (fake registry with Basic auth)', () => {
  it('answers a Basic challenge, then sends Authorization first', async () => {
    const { fake, client, repo } = await setUp(
      { basicAuth: { username: 'u', password: 'p' } },
      fixed('u', 'p'),
    );
    fake.setTags('team/app', ['1.0']);
    fake.setTags('team/other', ['2.0']);
    expect(await client.listTags(repo)).toEqual(['1.0']);
    expect(await client.listTags(parseReference(`${fake.host}/team/other`))).toEqual(['2.0']);
    expect(fake.requests.map((r) => r.authorization === undefined)).toEqual([true, false, false]);
  });

  it('wrong credentials are RegistryUnauthorizedError naming the user, never the password', async () => {
    const { fake, client, repo } = await setUp(
      { basicAuth: { username: 'u', password: 'p' } },
      fixed('u', 'wrong-password'),
    );
    fake.setTags('team/app', ['1.0']);
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect((error as Error).message).toContain('the credentials of user "u" were refused');
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong-password');
  });

  it('a missing credential helper: anonymous is tried and the error says both', async () => {
    const { fake, repo } = await setUp({ basicAuth: { username: 'u', password: 'p' } });
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const configDir = await mkdtemp(join(tmpdir(), 'oci-client-'));
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credHelpers: { [fake.host]: 'absent-helper' } }),
    );
    const client = new RegistryClient({
      http: new HttpClient(),
      credentials: new DockerConfigCredentials({ configDir, env: { PATH: '/nonexistent' } }),
    });
    fake.setTags('team/app', ['1.0']);
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect((error as Error).message).toMatch(
      /anonymous access was refused.*docker-credential-absent-helper.*not found on PATH/,
    );
  });

  it('never sends Authorization to the origin a blob is redirected to', async () => {
    const { fake, client, repo } = await setUp(
      { basicAuth: { username: 'u', password: 'p' }, redirectBlobs: true },
      fixed('u', 'p'),
    );
    pushImage(fake, '1.0', { 'org.opencontainers.image.source': 'https://example.test/app' });
    const manifest = await client.getManifest(repo, '1.0');
    if (manifest.kind !== 'image') throw new Error('expected an image manifest');
    const config = await client.getImageConfig(repo, manifest);
    expect(config.labels['org.opencontainers.image.source']).toBe('https://example.test/app');
    expect(config.created).toBe('2026-01-01T00:00:00Z');
    expect(fake.requests.at(-1)?.authorization).toMatch(/^Basic /);
    expect(fake.blobOriginRequests).toHaveLength(1);
    expect(fake.blobOriginRequests[0]?.authorization).toBeUndefined();
  });
});

describe('RegistryClient referrers (fake registry without the referrers API)', () => {
  it('falls back to the sha256-<hex> tag schema', async () => {
    const { fake, client, repo } = await setUp();
    const subject = pushImage(fake, '1.0');
    const sbom = {
      mediaType: MEDIA_TYPES.ociManifest,
      digest: `sha256:${'2'.repeat(64)}`,
      size: 10,
      artifactType: 'application/spdx+json',
    };
    fake.putManifest(
      'team/app',
      MEDIA_TYPES.ociIndex,
      { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [sbom] },
      subject.replace(':', '-'),
    );
    expect(await client.getReferrers(repo, subject)).toEqual([sbom]);
    expect(await client.getReferrers(repo, subject, { artifactType: 'other' })).toEqual([]);
    expect(await client.getReferrers(repo, `sha256:${'3'.repeat(64)}`)).toEqual([]);
  });
});

describe('headManifest on a registry that says less on HEAD (local server)', () => {
  it('reads the digest and kind from a GET when the HEAD has no Docker-Content-Digest or manifest type', async () => {
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: [{ mediaType: MEDIA_TYPES.ociManifest, digest: `sha256:${'a'.repeat(64)}`, size: 1 }],
      }),
    );
    const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
    const server = await startLocalHttpServer((req, res) => {
      if (req.method === 'HEAD') return void res.writeHead(200, { 'content-type': 'application/json' }).end();
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end(manifest);
    });
    try {
      const client = new RegistryClient({ http: new HttpClient() });
      const head = await client.headManifest(parseReference(`${server.origin.slice(7)}/team/app`), '1.0');
      expect(head).toMatchObject({ digest, kind: 'index', mediaType: MEDIA_TYPES.ociIndex });
      expect(server.received.map((req) => req.method)).toEqual(['HEAD', 'GET']);
    } finally {
      await server.close();
    }
  });
});
