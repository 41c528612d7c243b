// One app watching images on a registry that accepts requests and never answers (fake registry:
// `hang`) and on a healthy real registry (Debian docker-registry). The hung host's first images
// time out; its breaker (docs/http.md, "Hosts that hang") then fails the rest at once, saying when
// the host is tried again, without a request reaching it; the healthy images are not held up; and
// a check after the pause probes the host and lets it back in once it answers.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../internal/app.js';
import { HttpClient } from '../../internal/http/client.js';
import { MEDIA_TYPES } from '../../internal/oci/manifest.js';
import { startFakeRegistry, type FakeRegistry } from '../fakes/fake-registry.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { until } from '../serve/until.js';
import { useAppFixture } from './app-fixture.js';

const unavailable = registryAvailable('none');
const TIMEOUT_MS = 1_000;
const PAUSE_MS = 4_000;
const PER_REGISTRY = 2;

function imageOf(app: App, reference: string) {
  return app
    .listImages({ sort: 'name', order: 'asc', limit: 1000, offset: 0 })
    .items.find((item) => item.reference === reference);
}

describe.skipIf(unavailable !== null)(`a registry that hangs (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  const fixture = useAppFixture();
  let fake: FakeRegistry;
  let http: HttpClient;
  beforeAll(async () => {
    fake = await startFakeRegistry();
    http = new HttpClient({
      timeoutMs: TIMEOUT_MS,
      breaker: { timeouts: 2, pauseMs: PAUSE_MS, maxPauseMs: 60_000 },
    });
  });
  afterAll(async () => {
    await http?.close();
    await fake?.stop();
  });

  it('fails the hung host fast after its first timeouts, lets the healthy ones finish first, and probes it back', async () => {
    fake.behaviour = 'hang';
    const hung = Array.from({ length: 8 }, (_, i) => `${fake.host}/slow/app-${i}:1.0`);
    const healthy = [
      `${registry.peer.host}/fixtures/single-oci:1.0.0`,
      `${registry.peer.host}/fixtures/single-docker:1.25`,
      `${registry.peer.host}/fixtures/multi-oci:1.25.0`,
    ];
    const app = await fixture.app({
      platforms: [await fixture.list('images.txt', [...hung, ...healthy])],
      http,
      perRegistryConcurrency: PER_REGISTRY,
    });
    const finished: string[] = [];
    app.on('progress', (event) => {
      if (event.type === 'done' || event.type === 'failed') finished.push(event.reference);
    });
    await app.settled();

    for (const reference of healthy) expect(imageOf(app, reference)?.status).toBe('done');
    expect(finished.slice(0, healthy.length).sort()).toEqual([...healthy].sort());
    // Only the first images' requests reached the hung host; every other image failed without one.
    expect(fake.requests.length).toBeLessThanOrEqual(PER_REGISTRY * 2);
    const errors = hung.map((reference) => imageOf(app, reference)?.error ?? '');
    for (const error of errors) expect(error).toContain(`no answer within ${TIMEOUT_MS} ms`);
    const paused = errors.filter((error) =>
      /paused after \d+ timeouts; next try at \d{4}-\d\d-\d\dT/.test(error),
    );
    expect(paused.length).toBeGreaterThanOrEqual(hung.length - PER_REGISTRY);
    const breaker = http.budgets().find((budget) => budget.host === fake.host)?.breaker;
    expect(breaker).toMatchObject({ timeoutMs: TIMEOUT_MS, probing: false });

    // The host answers again: once the pause is over, the next check probes it and gets in.
    fake.behaviour = 'normal';
    fake.setTags('slow/app-0', ['1.0', '1.1']);
    const config = {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: fake.putBlob(Buffer.from('{}')),
      size: 2,
    };
    for (const tag of ['1.0', '1.1']) {
      const manifest = { schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config, layers: [] };
      fake.putManifest('slow/app-0', MEDIA_TYPES.ociManifest, { ...manifest, annotations: { tag } }, tag);
    }
    await delay(Math.max(0, breaker!.retryAt - Date.now()));
    app.checkNow(hung[0]!);
    await until(() => imageOf(app, hung[0]!)?.status === 'done', 'the probed image being checked');
    expect(imageOf(app, hung[0]!)?.update?.latestReference).toBe(`${fake.host}/slow/app-0:1.1`);
    expect(http.budgets().find((budget) => budget.host === fake.host)?.breaker).toBeNull();
  });
});
