// checkImage's digest comparison on a fake registry (test/fakes/fake-registry.ts), for transitions
// the real-registry tests in test/oci/check-image.test.ts do not cover.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeRegistry, type FakeRegistry } from '../../test/fakes/fake-registry.js';
import { HttpClient } from '../http/client.js';
import { checkImage } from './check.js';
import { RegistryClient } from './client.js';
import { MEDIA_TYPES } from './manifest.js';
import { parseReference } from './reference.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

let fake: FakeRegistry | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function image(registry: FakeRegistry, salt: string, tag?: string): string {
  const config = {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: `sha256:${salt.repeat(64)}`,
    size: 2,
  };
  return registry.putManifest(
    'app',
    MEDIA_TYPES.ociManifest,
    { schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config, layers: [] },
    tag,
  );
}

function index(registry: FakeRegistry, amd64: string, arm64: string, tag?: string): string {
  const entry = (digest: string, platform: object) => ({
    mediaType: MEDIA_TYPES.ociManifest,
    digest,
    size: 1,
    platform,
  });
  return registry.putManifest(
    'app',
    MEDIA_TYPES.ociIndex,
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [entry(amd64, AMD64), entry(arm64, ARM64)],
    },
    tag,
  );
}

describe('checkImage digest comparison (fake registry)', () => {
  it('a tag that moved from an index to a single manifest of the same content is unchanged', async () => {
    fake = await startFakeRegistry();
    fake.setTags('app', ['1.0', '1.1']);
    const amd64 = image(fake, 'a', '1.0');
    const running = index(fake, amd64, image(fake, 'b'));
    const { result, http, client } = await checkRunning(fake, running);
    expect(result).toMatchObject({
      sameTagChanged: false,
      sameTagBasis: 'platform-manifest',
      remote: { kind: 'image', digest: amd64 },
    });
    expect(result.current).toEqual({ indexDigest: running, platformDigest: amd64 });
    expect(result.updates.minor).toBe('1.1');
    // tags + a HEAD of the tag + the running index by digest.
    expect(http.stats().requests).toBe(3);
    expect(manifestRequests(fake)).toEqual([
      'HEAD /v2/app/manifests/1.0',
      `GET /v2/app/manifests/${running}`,
    ]);
    await checkImage(client, parseReference(`${fake.host}/app:1.0@${running}`), { platform: AMD64 });
    expect(http.stats().requests).toBe(3);
  });

  it('a tag whose single manifest was rebuilt is changed; the same digest is not', async () => {
    fake = await startFakeRegistry();
    fake.setTags('app', ['1.0']);
    const old = image(fake, 'c');
    const current = image(fake, 'd', '1.0');
    const client = new RegistryClient({ http: new HttpClient() });
    const changed = await checkImage(client, parseReference(`${fake.host}/app:1.0@${old}`), {
      platform: AMD64,
    });
    expect(changed).toMatchObject({
      sameTagChanged: true,
      current: { indexDigest: null, platformDigest: old },
    });
    const same = await checkImage(client, parseReference(`${fake.host}/app:1.0@${current}`), {
      platform: AMD64,
    });
    expect(same).toMatchObject({ sameTagChanged: false, sameTagBasis: 'same-digest' });
  });

  it('an index that dropped our platform counts as changed for it', async () => {
    fake = await startFakeRegistry();
    fake.setTags('app', ['1.0']);
    const arm64 = image(fake, 'e');
    const running = index(fake, image(fake, 'f'), arm64);
    fake.putManifest(
      'app',
      MEDIA_TYPES.ociIndex,
      { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [] },
      '1.0',
    );
    const client = new RegistryClient({ http: new HttpClient() });
    const result = await checkImage(client, parseReference(`${fake.host}/app:1.0@${running}`), {
      platform: ARM64,
    });
    expect(result).toMatchObject({
      sameTagChanged: true,
      remote: { kind: 'index', platformDigest: null },
      current: { platformDigest: arm64 },
    });
  });

  it('asks only the tag list and a HEAD when the running digest is what the tag names', async () => {
    fake = await startFakeRegistry();
    fake.setTags('app', ['1.0', '1.1']);
    const running = index(fake, image(fake, 'a'), image(fake, 'b'), '1.0');
    const { result, http } = await checkRunning(fake, running);
    expect(result).toMatchObject({
      sameTagChanged: false,
      sameTagBasis: 'same-digest',
      remote: { kind: 'index', digest: running },
      current: { indexDigest: running, platformDigest: null },
    });
    expect(result.remote).not.toHaveProperty('platformDigest');
    expect(http.stats().requests).toBe(2);
    expect(manifestRequests(fake)).toEqual(['HEAD /v2/app/manifests/1.0']);
  });

  it("compares a running platform digest with the remote index's entry, never with the index digest", async () => {
    fake = await startFakeRegistry();
    fake.setTags('app', ['1.0']);
    const amd64 = image(fake, 'a');
    const remoteIndex = index(fake, amd64, image(fake, 'b'), '1.0');
    const client = new RegistryClient({ http: new HttpClient() });
    const same = await checkImage(client, parseReference(`${fake.host}/app:1.0@${amd64}`), {
      platform: AMD64,
    });
    expect(same).toMatchObject({
      sameTagChanged: false,
      sameTagBasis: 'same-digest',
      remote: { kind: 'index', digest: remoteIndex, platformDigest: amd64 },
      current: { indexDigest: null, platformDigest: amd64 },
    });
    // The running digest was the remote platform manifest: the running one is not fetched.
    expect(manifestRequests(fake)).toEqual([
      'HEAD /v2/app/manifests/1.0',
      `GET /v2/app/manifests/${remoteIndex}`,
    ]);
    const old = image(fake, 'c');
    const changed = await checkImage(client, parseReference(`${fake.host}/app:1.0@${old}`), {
      platform: AMD64,
    });
    expect(changed).toMatchObject({ sameTagChanged: true, sameTagBasis: 'platform-manifest' });
  });
});

/** Checks `app:1.0@<running>` for linux/amd64 with a fresh client. */
async function checkRunning(registry: FakeRegistry, running: string) {
  const http = new HttpClient();
  const client = new RegistryClient({ http });
  const result = await checkImage(client, parseReference(`${registry.host}/app:1.0@${running}`), {
    platform: AMD64,
  });
  return { result, http, client };
}

/** The manifest requests the fake registry saw, as `METHOD path`. */
function manifestRequests(registry: FakeRegistry): string[] {
  return registry.requests
    .filter((request) => request.path.includes('/manifests/'))
    .map((request) => `${request.method} ${request.path}`);
}
