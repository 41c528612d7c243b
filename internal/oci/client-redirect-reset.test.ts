// What the registry client says when a host the registry redirected to refuses the request (its
// 401 is never blamed on the user's login, nor answered with the user's password), and when a
// connection is reset mid-answer (the errno and where it broke). Fake registry: blob GETs are
// redirected to a second origin that refuses them; `reset` sends half an answer, then an RST.
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/client.js';
import { startFakeRegistry, type FakeRegistry } from '../../test/fakes/fake-registry.js';
import { RegistryClient } from './client.js';
import { RegistryCredential } from './credentials.js';
import { RedirectTargetRefusedError, RegistryUnreachableError } from './errors.js';
import { MEDIA_TYPES } from './manifest.js';
import { parseReference } from './reference.js';

let fake: FakeRegistry | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setUp() {
  fake = await startFakeRegistry({ basicAuth: { username: 'u', password: 'p' }, redirectBlobs: true });
  const config = Buffer.from('{"os":"linux","architecture":"amd64"}');
  const digest = fake.putBlob(config);
  fake.setTags('team/app', ['1.0']);
  fake.putManifest(
    'team/app',
    MEDIA_TYPES.ociManifest,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
      layers: [],
    },
    '1.0',
  );
  const client = new RegistryClient({
    http: new HttpClient({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 10 } }),
    credentials: { get: async (registry) => new RegistryCredential(registry, 'basic', 'u', 'p') },
  });
  return { fake, client, repo: parseReference(`${fake.host}/team/app`), digest };
}

describe('RegistryClient and a redirect target that refuses (fake registry redirecting blobs)', () => {
  it.each([401, 403] as const)(
    'a %i from the redirect target says so, does not blame the login, and never sends it the password',
    async (status) => {
      const { fake, client, repo, digest } = await setUp();
      fake.blobOriginRefuses = status;
      const manifest = await client.getManifest(repo, '1.0');
      if (manifest.kind !== 'image') throw new Error('expected an image manifest');
      const error = await client.getImageConfig(repo, manifest).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectTargetRefusedError);
      expect((error as Error).message).toBe(
        `${fake.host}/team/app@${digest} on registry ${fake.host}: the request was redirected to ${fake.blobHost}, ` +
          'which refused it; no credential is ever sent to a host other than the one it is for, so this is ' +
          `not about your login (HTTP ${status}); the redirect target wants an authorization of its own ` +
          '(an expired or wrong pre-signed URL, a misconfigured CDN or proxy); retry later, and tell the ' +
          'registry operator if it persists',
      );
      // The redirect target's Bearer challenge was not answered: no token asked of it, no credential sent.
      expect(fake.blobOriginRequests.map((request) => request.path)).toEqual([`/${digest}`]);
      expect(fake.blobOriginRequests.every((request) => request.authorization === undefined)).toBe(true);
    },
  );
});

describe('RegistryClient and a connection reset mid-answer (fake registry: reset)', () => {
  it('names the errno, the host and how far the body got', async () => {
    const { fake, client, repo } = await setUp();
    fake.behaviour = 'reset';
    const error = await client.listTags(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${fake.host}/team/app on registry ${fake.host}: .*\\(the body of the HTTP 200 answer broke off ` +
          'after [\\d,]+ of [\\d,]+ bytes: read ECONNRESET\\)',
      ),
    );
  });
});
