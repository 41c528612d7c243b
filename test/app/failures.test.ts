// How the core fails one image without touching the others: a malformed reference, an unknown
// repository, an image without a reference, a registry that hangs (fake registry: `hang`) and one
// that answers 429 (fake registry: `rate-limited`). The good images are in the real registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../internal/app.js';
import { startFakeRegistry, type FakeRegistry } from '../fakes/fake-registry.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { useAppFixture } from './app-fixture.js';
import { FixedPlatform } from './fixed-platform.js';

const unavailable = registryAvailable('none');

function imageOf(app: App, reference: string) {
  return app
    .listImages({ sort: 'name', order: 'asc', limit: 1000, offset: 0 })
    .items.find((item) => item.reference === reference);
}

describe.skipIf(unavailable !== null)(`failing images (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  const fixture = useAppFixture();
  let fake: FakeRegistry;
  beforeAll(async () => {
    fake = await startFakeRegistry({ retryAfterSeconds: 1 });
  });
  afterAll(() => fake?.stop());

  it('fails a malformed reference and an unknown repository with clear reasons; the others succeed', async () => {
    const good = `${registry.peer.host}/fixtures/single-docker:1.26`;
    const unknown = `${registry.peer.host}/nope/missing:1.0`;
    const platform = new FixedPlatform('fixed:one', [
      { name: 'good', reference: good },
      { name: 'unknown', reference: unknown },
      { name: 'bad', reference: 'Not//A Reference' },
      { name: 'bare-id', unresolvable: 'started from image id sha256:abc; it has no tag or repository' },
    ]);
    const app = await fixture.app({ platforms: [platform] });
    await app.settled();

    expect(imageOf(app, good)).toMatchObject({ status: 'done', error: null });
    const missing = imageOf(app, unknown);
    expect(missing).toMatchObject({ status: 'failed', tags: ['failed', 'platform:fixed:one'] });
    expect(missing?.error).toMatch(
      /^Check the tag list and digests: .*nope\/missing.*not found.*\(HTTP 404\)/,
    );
    const malformed = imageOf(app, 'Not//A Reference');
    expect(malformed?.status).toBe('failed');
    expect(malformed?.error).toMatch(
      /^Parse the image reference: Invalid image reference "Not\/\/A Reference"/,
    );
    // A 404 is not retried: one attempt.
    const run = app.getImage(unknown)?.runs[0]?.record as {
      jobs: { steps: { id: string; attempts: number }[] }[];
    };
    expect(run.jobs[0]?.steps.find((step) => step.id === 'check')?.attempts).toBe(1);
    expect(app.unresolvedImages()).toEqual([
      {
        platform: 'fixed:one',
        nodeId: 'fixed:one/image/bare-id',
        name: 'bare-id',
        reason: 'started from image id sha256:abc; it has no tag or repository',
      },
    ]);
    expect(app.summary()).toMatchObject({ total: 3, failed: 2, upToDate: 1 });
  });

  it('fails a step that hangs when its timeout passes (fake registry that never answers)', async () => {
    fake.behaviour = 'hang';
    const hung = `${fake.host}/slow/app:1.0`;
    const good = `${registry.peer.host}/fixtures/single-oci:2.0.0`;
    const app = await fixture.app({
      platforms: [await fixture.list('l.txt', [hung, good])],
      stepTimeoutMs: 300,
    });
    await app.settled();
    expect(imageOf(app, good)?.status).toBe('done');
    expect(imageOf(app, hung)).toMatchObject({
      status: 'failed',
      error: 'Check the tag list and digests: job "oci", step "check" timed out after 300 ms',
    });
  });

  it('lets a registry answering 429 slow only its own images (fake registry: rate-limited)', async () => {
    fake.behaviour = 'rate-limited';
    const limited = [`${fake.host}/busy/a:1.0`, `${fake.host}/busy/b:1.0`];
    const good = [
      `${registry.peer.host}/fixtures/single-oci:1.1.0`,
      `${registry.peer.host}/fixtures/multi-docker:3.19`,
      `${registry.peer.host}/fixtures/single-docker:1.25`,
    ];
    const list = await fixture.list('mixed.txt', [...limited, ...good]);
    const app = await fixture.app({ platforms: [list] });
    const finished: string[] = [];
    app.on('progress', (event) => {
      if (event.type === 'done' || event.type === 'failed') finished.push(event.reference);
    });
    await app.settled();
    expect(finished.slice(0, good.length).sort()).toEqual([...good].sort());
    for (const reference of good) expect(imageOf(app, reference)?.status).toBe('done');
    for (const reference of limited) {
      expect(imageOf(app, reference)?.status).toBe('failed');
      expect(imageOf(app, reference)?.error).toMatch(/rate limiting us/);
    }
  });
});
