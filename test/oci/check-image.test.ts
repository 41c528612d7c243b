// checkImage against the real registry: version updates from the tag list, and "did the tag change
// for my platform" on multi-arch images without false alarms.
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { checkImage } from '../../internal/oci/check.js';
import { RegistryClient } from '../../internal/oci/client.js';
import { parseReference } from '../../internal/oci/reference.js';
import { buildImage, pushImage, type ImageSpec } from '../peers/images.js';
import { registryAvailable, type RegistryPeer } from '../peers/registry.js';
import { useSeededRegistry } from './seeded-registry.js';

const unavailable = registryAvailable('none');
const skipNote = unavailable === null ? '' : ` (skipped: ${unavailable})`;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const MULTI: ImageSpec = { format: 'oci', platforms: [AMD64, ARM64] };

/** Re-points `tag` at an index holding `amd64` from one build and `arm64` from another. */
async function pushMixedIndex(
  peer: RegistryPeer,
  repository: string,
  tag: string,
  amd64Salt: string,
  arm64Salt: string,
) {
  const amd64 = buildImage({ ...MULTI, salt: amd64Salt }).manifests[0]!;
  const arm64 = buildImage({ ...MULTI, salt: arm64Salt }).manifests[1]!;
  await pushImage({ url: peer.url }, repository, [`build-${arm64Salt}`], { ...MULTI, salt: arm64Salt });
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const body = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    manifests: [amd64, arm64].map((m) => ({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.bytes.length,
      platform: m.platform,
    })),
  });
  const response = await fetch(`${peer.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body,
  });
  expect(response.status).toBe(201);
  return { amd64: amd64.digest, arm64: arm64.digest };
}

describe.skipIf(unavailable !== null)(`checkImage on a real registry${skipNote}`, () => {
  const registry = useSeededRegistry({ auth: 'none' });

  it('finds patch, minor and major updates; 2 requests cold (tags + a HEAD), 0 warm', async () => {
    const http = new HttpClient();
    const client = new RegistryClient({ http });
    const digest = registry.seeded.singleOci.tags['1.0.0'].digest;
    const reference = parseReference(`${registry.peer.host}/fixtures/single-oci:1.0.0@${digest}`);
    const result = await checkImage(client, reference, { platform: AMD64 });
    expect(result.updates).toEqual({ patch: '1.0.1', minor: '1.1.0', major: '2.0.0', latest: '2.0.0' });
    expect(result.sameTagChanged).toBe(false);
    expect(result.current).toEqual({ indexDigest: null, platformDigest: digest });
    expect(result.explain.find((verdict) => verdict.tag === '1.1.0-alpine')).toMatchObject({
      kept: false,
      reason: 'suffix-differs',
    });
    expect(http.stats().requests).toBe(2);
    await checkImage(client, reference, { platform: AMD64 });
    expect(http.stats().requests).toBe(2);
  });

  it('a bare name checks "latest"; rules apply', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const result = await checkImage(client, parseReference(`${registry.peer.host}/fixtures/multi-docker`), {
      platform: AMD64,
    });
    expect(result.tag).toBe('latest');
    expect(result.remote).toEqual({ kind: 'index', digest: registry.seeded.multiDocker.tags.latest.digest });
    expect(result.sameTagBasis).toBe('no-running-digest');
    const pinned = await checkImage(
      client,
      parseReference(`${registry.peer.host}/fixtures/multi-docker:3.18`),
      {
        platform: AMD64,
        rules: { pin: true },
      },
    );
    expect(pinned.updates.latest).toBeNull();
  });

  it('multi-arch: re-pushing an index where only arm64 changed alarms arm64 only', async () => {
    const repository = 'check/multi';
    const first = await pushImage({ url: registry.peer.url }, repository, ['1.0'], { ...MULTI, salt: 'a' });
    const [firstAmd64, firstArm64] = first.manifests.map((m) => m.digest);
    const changed = await pushMixedIndex(registry.peer, repository, '1.0', 'a', 'b');
    expect(changed.amd64).toBe(firstAmd64);
    expect(changed.arm64).not.toBe(firstArm64);

    const http = new HttpClient();
    const client = new RegistryClient({ http });
    const byIndex = parseReference(`${registry.peer.host}/${repository}:1.0@${first.digest}`);
    const amd64 = await checkImage(client, byIndex, { platform: AMD64 });
    expect(amd64).toMatchObject({ sameTagChanged: false, sameTagBasis: 'platform-manifest' });
    expect(amd64.current).toEqual({ indexDigest: first.digest, platformDigest: firstAmd64 });
    expect(amd64.remote).toMatchObject({ kind: 'index', platformDigest: firstAmd64 });
    expect(amd64.remote?.digest).not.toBe(first.digest);
    const arm64 = await checkImage(client, byIndex, { platform: { os: 'linux', architecture: 'arm64' } });
    expect(arm64).toMatchObject({ sameTagChanged: true, sameTagBasis: 'platform-manifest' });
    expect(arm64.remote).toMatchObject({ kind: 'index', platformDigest: changed.arm64 });

    // A running platform digest is compared with the remote index's entry, without another GET.
    const before = http.stats().requests;
    const byPlatform = (digest: string | undefined) =>
      parseReference(`${registry.peer.host}/${repository}:1.0@${digest}`);
    expect((await checkImage(client, byPlatform(firstAmd64), { platform: AMD64 })).sameTagChanged).toBe(
      false,
    );
    expect(http.stats().requests).toBe(before);
    expect((await checkImage(client, byPlatform(firstArm64), { platform: ARM64 })).sameTagChanged).toBe(true);
  });

  it('a digest-only reference reports what runs and no tag comparison', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const pushed = registry.seeded.multiOci.tags['1.25.0'];
    const result = await checkImage(
      client,
      parseReference(`${registry.peer.host}/fixtures/multi-oci@${pushed.digest}`),
      { platform: ARM64 },
    );
    expect(result).toMatchObject({ tag: null, remote: null, sameTagChanged: false, sameTagBasis: 'no-tag' });
    expect(result.current).toEqual({
      indexDigest: pushed.digest,
      platformDigest: pushed.manifests[1]?.digest,
    });
  });

  it('a running digest the registry no longer has raises no alarm', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const gone = `sha256:${'4'.repeat(64)}`;
    const result = await checkImage(
      client,
      parseReference(`${registry.peer.host}/fixtures/multi-oci:1.26.0@${gone}`),
      { platform: AMD64 },
    );
    expect(result).toMatchObject({ sameTagChanged: false, sameTagBasis: 'running-digest-unknown' });
  });
});
