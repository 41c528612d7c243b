// One pass checks everything that is due, however many pages of the store that is (issue 15: a kept
// data directory checked at most 1,000 images per `scan`, and `serve` stalled after a restart with
// the rest pending). 1,100 images in the real registry, 1,099 of them in repositories that do not
// exist (a 404 each: fast, and still a check), on the same data directory twice: the second app
// knows every image already, so only its due pass can check them.
import { describe, expect, it } from 'vitest';
import type { App } from '../../internal/app.js';
import { listAllImages } from '../../internal/store/list-all-images.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { useAppFixture } from './app-fixture.js';

const unavailable = registryAvailable('none');
const IMAGES = 1100; // more than one page of the store (1,000)

function countChecks(app: App): () => number {
  let checks = 0;
  app.on('progress', (event) => {
    if (event.type === 'done' || event.type === 'failed') checks += 1;
  });
  return () => checks;
}

describe.skipIf(unavailable !== null)(
  `one pass over more than a page of due images (skipped: ${unavailable})`,
  () => {
    const registry = useSeededRegistry({ auth: 'none' });
    const fixture = useAppFixture();

    it('checks every image again on a kept data directory, and each only once', async () => {
      const host = registry.peer.host;
      const good = `${host}/fixtures/single-docker:1.24`;
      const references = [good, ...Array.from({ length: IMAGES - 1 }, (_, i) => `${host}/nope/app-${i}:1.0`)];
      const options = () => ({ registry: { insecureRegistries: [host] }, minimumAgeMs: 0 });

      const first = await fixture.app({
        ...options(),
        platforms: [await fixture.list('images.txt', references)],
      });
      await first.settled();
      await first.stop();

      const startedAt = Date.now();
      const second = await fixture.app({
        ...options(),
        dataDir: fixture.dataDir(),
        platforms: [await fixture.list('images.txt', references)],
      });
      const checks = countChecks(second);
      await second.settled();
      expect(checks()).toBe(IMAGES);
      const images = listAllImages(second);
      expect(images).toHaveLength(IMAGES);
      expect(images.filter((image) => (image.lastProcessed ?? 0) < startedAt)).toEqual([]);
      expect(images.find((image) => image.reference === good)).toMatchObject({
        status: 'done',
        update: { kind: 'minor' },
      });
      expect(second.summary()).toMatchObject({ total: IMAGES, failed: IMAGES - 1, pending: 0 });
    }, 180_000);
  },
);
