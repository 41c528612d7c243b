import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_ACCEPT, pushImage } from '../../test/peers/images.js';
import { registryAvailable, startRegistry } from '../../test/peers/registry.js';
import type { RegistryPeer } from '../../test/peers/registry.js';
import { HttpClient } from './client.js';
import { ManualClock } from './testing/manual-clock.js';

// Against the real registry (Debian docker-registry, distribution 2.8.2): manifests carry an Etag
// (the quoted digest) and answer If-None-Match with 304, which is what makes revalidation cheap.
const unavailable = registryAvailable('none');

describe.skipIf(unavailable !== null)(
  `HttpClient against a real registry (skipped when ${unavailable ?? 'never'})`,
  () => {
    let registry: RegistryPeer;
    let digest: string;
    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      const pushed = await pushImage(registry, 'http/app', ['1.0.0'], {
        format: 'oci',
        platforms: [{ os: 'linux', architecture: 'amd64' }],
      });
      digest = pushed.digest;
    });
    afterAll(() => registry?.stop());

    it('revalidates a stale manifest with the registry and gets a 304', async () => {
      const clock = new ManualClock();
      const client = new HttpClient({ now: clock.now, sleep: clock.sleep });
      const manifest = {
        url: `${registry.url}/v2/http/app/manifests/1.0.0`,
        headers: { accept: MANIFEST_ACCEPT },
        cache: { ttlMs: 1000, varyOn: ['accept'] },
      };
      const first = await client.request(manifest);
      expect([first.status, first.headers['docker-content-digest']]).toEqual([200, digest]);
      clock.advance(1001);
      const second = await client.request(manifest);
      expect(second.source).toBe('revalidated');
      expect(second.body).toEqual(first.body);
      expect(client.stats()).toMatchObject({ requests: 2, revalidated: 1 });
      await client.close();
    });

    it('does not cache the 404 of an unknown repository', async () => {
      const client = new HttpClient();
      const unknown = { url: `${registry.url}/v2/http/missing/tags/list`, cache: { ttlMs: 60_000 } };
      const first = await client.request(unknown);
      expect(first.status).toBe(404);
      expect(first.json()).toMatchObject({ errors: [{ code: 'NAME_UNKNOWN' }] });
      expect((await client.request(unknown)).source).toBe('network');
      await client.close();
    });
  },
);
