// RegistryClient against the real registry (Debian docker-registry, distribution 2.8.2) with no
// auth, htpasswd Basic auth and token auth, seeded with the standard fixtures.
import { describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { RegistryClient } from '../../internal/oci/client.js';
import { RegistryCredential } from '../../internal/oci/credentials.js';
import {
  ManifestNotFoundError,
  RegistryUnauthorizedError,
  RepositoryNotFoundError,
} from '../../internal/oci/errors.js';
import { findPlatformManifest } from '../../internal/oci/manifest.js';
import { parseReference } from '../../internal/oci/reference.js';
import { registryAvailable } from '../peers/registry.js';
import type { PushedImage } from '../peers/images.js';
import { STANDARD_FIXTURES } from '../peers/seed.js';
import { useSeededRegistry } from './seeded-registry.js';

const unavailable = registryAvailable('token') ?? registryAvailable('basic');
const skipNote = unavailable === null ? '' : ` (skipped: ${unavailable})`;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64' };

/** A fresh client (own cache) that answers challenges with this user and password. */
const clientWith = (username: string, password: string): RegistryClient =>
  new RegistryClient({
    http: new HttpClient(),
    credentials: { get: async (registry) => new RegistryCredential(registry, 'basic', username, password) },
  });

describe.skipIf(unavailable !== null)(`RegistryClient on a real registry without auth${skipNote}`, () => {
  const registry = useSeededRegistry({ auth: 'none' });

  const ref = (path: string) => parseReference(`${registry.peer.host}/${path}`);

  it('pings and lists tags sorted', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    await client.ping(registry.peer.host);
    expect(await client.listTags(ref(STANDARD_FIXTURES.singleDocker.repository))).toEqual([
      '1.24',
      '1.25',
      '1.26',
    ]);
  });

  it('a repository whose tags were all deleted lists [] ({"tags": null})', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    expect(await client.listTags(ref(STANDARD_FIXTURES.empty.repository))).toEqual([]);
  });

  it('reads an OCI index and a Docker list with their pushed digests, and picks arm64 v8 for plain arm64', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    for (const [fixture, tag] of [
      ['multiOci', '1.25.0'],
      ['multiDocker', '3.19'],
    ] as const) {
      const pushed = (registry.seeded[fixture].tags as Record<string, PushedImage>)[tag]!;
      const index = await client.getManifest(ref(STANDARD_FIXTURES[fixture].repository), tag);
      expect(index.kind).toBe('index');
      expect(index.digest).toBe(pushed.digest);
      expect(index.mediaType).toBe(pushed.mediaType);
      if (index.kind !== 'index') continue;
      expect(findPlatformManifest(index, ARM64)?.digest).toBe(pushed.manifests[1]?.digest);
      expect(findPlatformManifest(index, { os: 'linux', architecture: 'x86_64' })?.digest).toBe(
        pushed.manifests[0]?.digest,
      );
    }
  });

  it('HEAD gives the same digest as GET', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const repository = ref(STANDARD_FIXTURES.singleOci.repository);
    const head = await client.headManifest(repository, '2.0.0');
    expect(head.digest).toBe(registry.seeded.singleOci.tags['2.0.0'].digest);
    expect((await client.getManifest(repository, head.digest)).digest).toBe(head.digest);
  });

  it('reads the platform manifest, its config labels and the OCI annotations', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const repository = ref(STANDARD_FIXTURES.multiOci.repository);
    const { index, manifest } = await client.getPlatformManifest(repository, '1.26.0', AMD64);
    expect(index?.annotations['org.opencontainers.image.source']).toBe(
      STANDARD_FIXTURES.multiOci.annotations['org.opencontainers.image.source'],
    );
    expect(manifest.annotations['org.opencontainers.image.version']).toBe('1.26.0');
    const config = await client.getImageConfig(repository, manifest);
    expect(config.labels['org.opencontainers.image.version']).toBe('1.26.0');
    expect(config.os).toBe('linux');
    expect(config.architecture).toBe('amd64');
  });

  it('referrers: distribution 2.8 has no API; the fallback tag is absent: []', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    expect(
      await client.getReferrers(
        ref(STANDARD_FIXTURES.singleOci.repository),
        registry.seeded.singleOci.tags['1.0.0'].digest,
      ),
    ).toEqual([]);
  });

  it('unknown repository and unknown tag are typed errors naming the reference', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    await expect(client.listTags(ref('does/not-exist'))).rejects.toBeInstanceOf(RepositoryNotFoundError);
    const error = await client
      .getManifest(ref(STANDARD_FIXTURES.singleOci.repository), '9.9.9')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestNotFoundError);
    expect((error as Error).message).toContain(
      `${registry.peer.host}/fixtures/single-oci:9.9.9 on registry ${registry.peer.host}`,
    );
  });
});

describe.skipIf(unavailable !== null)(
  `RegistryClient on a real registry with htpasswd Basic auth${skipNote}`,
  () => {
    const registry = useSeededRegistry({ auth: 'basic' });

    it('lists tags with the stored credentials', async () => {
      const client = clientWith(registry.peer.username ?? '', registry.peer.password ?? '');
      expect(await client.listTags(parseReference(`${registry.peer.host}/fixtures/single-docker`))).toEqual([
        '1.24',
        '1.25',
        '1.26',
      ]);
    });

    it('wrong or missing credentials are RegistryUnauthorizedError that says what was tried', async () => {
      const wrong = clientWith('tester', 'not-the-password');
      const error = await wrong
        .listTags(parseReference(`${registry.peer.host}/fixtures/single-docker`))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryUnauthorizedError);
      expect(String(error)).toContain('were refused');
      expect(String(error)).not.toContain('not-the-password');
      const anonymous = new RegistryClient({ http: new HttpClient() });
      const refused = await anonymous.ping(registry.peer.host).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RegistryUnauthorizedError);
      expect(String(refused)).toContain('no credentials are stored');
    });
  },
);

describe.skipIf(unavailable !== null)(`RegistryClient on a real registry with token auth${skipNote}`, () => {
  const registry = useSeededRegistry({ auth: 'token', publicRepositories: ['fixtures/single-oci'] });

  it('fetches one token per repository scope and reuses it until it expires', async () => {
    let clock = Date.now();
    const client = new RegistryClient({
      http: new HttpClient(),
      credentials: {
        get: async (domain) =>
          new RegistryCredential(domain, 'basic', registry.peer.username!, registry.peer.password!),
      },
      tagTtlMs: 0,
      now: () => clock,
    });
    const before = await registry.peer.tokenServer!.stats();
    const repository = parseReference(`${registry.peer.host}/fixtures/multi-docker`);
    await Promise.all([
      client.listTags(repository),
      client.getManifest(repository, '3.20'),
      client.getManifest(repository, '3.19'),
    ]);
    await client.listTags(repository);
    await client.getPlatformManifest(repository, '3.18', AMD64);
    const after = await registry.peer.tokenServer!.stats();
    const scope = 'repository:fixtures/multi-docker:pull';
    expect((after.byScope[scope] ?? 0) - (before.byScope[scope] ?? 0)).toBe(1);
    // The token server says expires_in 300: past that, one new token.
    clock += 301_000;
    await client.listTags(repository);
    const expired = await registry.peer.tokenServer!.stats();
    expect((expired.byScope[scope] ?? 0) - (before.byScope[scope] ?? 0)).toBe(2);
  });

  it('anonymous pulls of a public repository get an anonymous token', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    expect(await client.listTags(parseReference(`${registry.peer.host}/fixtures/single-oci`))).toContain(
      '2.0.0',
    );
  });

  it('keeps cached answers per login: another login or an anonymous client never gets them', async () => {
    const http = new HttpClient();
    const { username, password, host } = registry.peer;
    const as = (user: string, secret: string) =>
      new RegistryClient({
        http,
        credentials: { get: async (domain) => new RegistryCredential(domain, 'basic', user, secret) },
      });
    const repository = parseReference(`${host}/fixtures/multi-docker`);
    expect(await as(username!, password!).listTags(repository)).toContain('3.19');
    // Before answers were keyed by credential, both of these got the tag list out of the cache.
    await expect(new RegistryClient({ http }).listTags(repository)).rejects.toBeInstanceOf(
      RegistryUnauthorizedError,
    );
    await expect(as(username!, 'wrong').listTags(repository)).rejects.toBeInstanceOf(
      RegistryUnauthorizedError,
    );
    // The same login, in another client, is served from the cache.
    const hits = http.stats().cacheHits;
    expect(await as(username!, password!).listTags(repository)).toContain('3.19');
    expect(http.stats().cacheHits).toBe(hits + 1);
  });

  it('after forgetCredentials, a new login is used at once: no request with the anonymous token first', async () => {
    const { username, password, host } = registry.peer;
    const typed: { login?: RegistryCredential } = {};
    const http = new HttpClient();
    const client = new RegistryClient({ http, credentials: { get: async () => typed.login } });
    const repository = parseReference(`${host}/fixtures/multi-oci`);
    await expect(client.listTags(repository)).rejects.toBeInstanceOf(RegistryUnauthorizedError);
    typed.login = new RegistryCredential(host, 'basic', username!, password!);
    client.forgetCredentials(host);
    const before = http.stats().requests;
    expect(await client.listTags(repository)).toContain('1.25.0');
    // A token for the login, then the tag list.
    expect(http.stats().requests - before).toBe(2);
  });

  it('a token bought for the old login while the login changes is never used for the new one', async () => {
    const { username, password, host } = registry.peer;
    const typed: { login?: RegistryCredential } = {};
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const credentials = {
      async get() {
        const answer = typed.login; // what the user had when the look-up began
        if (++asked === 1) await gate;
        return answer;
      },
    };
    const http = new HttpClient();
    const client = new RegistryClient({ http, credentials });
    const repository = parseReference(`${host}/fixtures/single-docker`);
    const first = client.listTags(repository).catch((e: unknown) => e);
    await vi.waitFor(() => expect(asked).toBe(1));
    // The look-up answers "no login": an anonymous token is on its way while the user logs in.
    release();
    typed.login = new RegistryCredential(host, 'basic', username!, password!);
    client.forgetCredentials(host);
    expect(await first).toBeInstanceOf(RegistryUnauthorizedError);
    const before = http.stats().requests;
    expect(await client.listTags(repository)).toContain('1.26');
    // The anonymous token that arrived after the change was kept under "anonymous": not tried.
    expect(http.stats().requests - before).toBe(2);
  });

  it('wrong credentials are refused by the token server: RegistryUnauthorizedError', async () => {
    const client = clientWith('tester', 'wrong');
    const error = await client
      .listTags(parseReference(`${registry.peer.host}/fixtures/multi-oci`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect(String(error)).toContain('token server');
  });
});
