// The core end to end against the real registry (Debian docker-registry), through static lists:
// every image goes through the "process image" workflow and lands in the store with its result,
// tags and run record.
import { describe, expect, it } from 'vitest';
import type { App } from '../../internal/app.js';
import type { ImageListItem } from '../../internal/model/image.js';
import type { SourceName } from '../../internal/pipeline/enrichment-settings.js';
import type { RunRecord } from '../../internal/workflow/index.js';
import { MAX_RECORD_ITEMS } from '../../internal/workflow/to-json-safe.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { pushImage } from '../peers/images.js';
import { registryAvailable } from '../peers/registry.js';
import { realisticRepository } from '../peers/realistic-repositories.js';
import { FIXTURE_SOURCE_URL, seedRealisticRepository } from '../peers/seed.js';
import { useAppFixture } from './app-fixture.js';
import { FixedPlatform } from './fixed-platform.js';

const unavailable = registryAvailable('none');
/** Every source but the OCI annotations: nothing but the registry is asked. */
const OTHER_SOURCES: SourceName[] = ['docker-hub', 'github', 'gitlab', 'quay', 'attestations', 'osv'];

function byReference(app: App): Map<string, ImageListItem> {
  const page = app.listImages({ sort: 'name', order: 'asc', limit: 1000, offset: 0 });
  return new Map(page.items.map((item) => [item.reference, item]));
}

describe.skipIf(unavailable !== null)(`the core against a real registry (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  const fixture = useAppFixture();

  const refsOf = (host: string) => ({
    major: `${host}/fixtures/single-oci:1.0.0`,
    minor: `${host}/fixtures/single-docker:1.24`,
    multi: `${host}/fixtures/multi-oci:1.25.0`,
    current: `${host}/fixtures/multi-docker:3.20`,
  });

  it('checks versions only with the sources off: the tag list and one HEAD per image, nothing else', async () => {
    const refs = refsOf(registry.peer.host);
    const list = await fixture.list('images.txt', Object.values(refs));
    const app = await fixture.app({ platforms: [list] });
    await app.settled();

    expect(app.stats().http.requests).toBe(2 * 4);
    const items = byReference(app);
    expect(items.get(refs.major)?.tags).toEqual(['bump:major', 'outdated', `platform:${list.id}`].sort());
    const multi = app.getImage(refs.multi);
    expect(multi?.result).toMatchObject({
      kind: 'minor',
      latestReference: `${registry.peer.host}/fixtures/multi-oci:1.26.0`,
      candidates: { patch: '1.25.1', minor: '1.26.0', major: null },
      // The candidate's manifest was not read: its digest is not known.
      latestDigest: null,
    });
    expect(multi?.links).toEqual([]);
    const record = multi?.runs[0]?.record as unknown as RunRecord;
    expect(record.jobs[0]?.steps.map((step) => [step.id, step.status, step.reason])).toEqual([
      ['reference', 'succeeded', null],
      ['check', 'succeeded', null],
      ['decide', 'succeeded', null],
      ['latest', 'skipped', 'if condition is false'],
      ['source', 'succeeded', null],
      ['summarize', 'succeeded', null],
    ]);
    expect(record.jobs.find((job) => job.id === 'annotations')).toMatchObject({
      status: 'skipped',
      reason: 'if condition is false',
    });
  });

  it('processes every image end to end: result, bump tags, source link and run record in the store', async () => {
    const refs = refsOf(registry.peer.host);
    const host = registry.peer.host;
    const list = await fixture.list('images.txt', Object.values(refs));
    // The OCI annotations on (they need the latest image's manifest and config), no other site.
    const app = await fixture.app({ platforms: [list], sources: { disabled: OTHER_SOURCES } });
    const updated: string[] = [];
    app.on('updates-found', (event) => updated.push(...event.references));
    await app.settled();
    // Tags + HEAD each (8), then the latest image (docs/pipeline.md, "Requests"): the candidate by
    // tag and its config for the two single-platform updates (4); the candidate by tag, its amd64
    // manifest and config for the index update (3); the up-to-date index by the digest its HEAD
    // gave, its amd64 manifest and config (3).
    expect(app.stats().http.requests).toBe(8 + 4 + 3 + 3);

    const items = byReference(app);
    const platformTag = `platform:${list.id}`;
    expect(items.get(refs.major)?.tags).toEqual(['bump:major', 'outdated', platformTag].sort());
    expect(items.get(refs.minor)?.tags).toEqual(['bump:minor', 'outdated', platformTag].sort());
    expect(items.get(refs.multi)?.update).toMatchObject({
      kind: 'minor',
      latestReference: `${host}/fixtures/multi-oci:1.26.0`,
    });
    expect(items.get(refs.current)?.tags).toEqual([platformTag, 'up-to-date'].sort());
    expect(updated.sort()).toEqual([refs.major, refs.minor, refs.multi].sort());

    const multi = app.getImage(refs.multi);
    expect(multi?.status).toBe('done');
    expect(multi?.result?.candidates).toEqual({ patch: '1.25.1', minor: '1.26.0', major: null });
    expect(multi?.result?.latestDigest).toBe(registry.seeded.multiOci.tags['1.26.0'].digest);
    expect(multi?.links).toEqual([{ type: 'source', url: FIXTURE_SOURCE_URL }]);
    expect(multi?.history.map((entry) => entry.kind)).toContain('update-found');
    const run = multi?.runs[0];
    expect(run?.status).toBe('succeeded');
    const record = run?.record as unknown as RunRecord;
    expect(record.jobs[0]?.steps.map((step) => [step.id, step.status])).toEqual([
      ['reference', 'succeeded'],
      ['check', 'succeeded'],
      ['decide', 'succeeded'],
      ['latest', 'succeeded'],
      ['source', 'succeeded'],
      ['summarize', 'succeeded'],
    ]);
    expect(app.summary()).toMatchObject({ total: 4, upToDate: 1, failed: 0, pending: 0 });
  });

  it('finds a re-pushed tag as a digest update only for the platform still running the old digest', async () => {
    const target = { url: registry.peer.url };
    const old = await pushImage(target, 'app/redo', ['1.0'], {
      format: 'oci',
      platforms: [amd64],
      salt: 'a',
    });
    const fresh = await pushImage(target, 'app/redo', ['1.0'], {
      format: 'oci',
      platforms: [amd64],
      salt: 'b',
    });
    const name = `${registry.peer.host}/app/redo:1.0`;
    const stale = await fixture.list('stale.txt', [`${name}@${old.digest}`]);
    const current = await fixture.list('current.txt', [`${name}@${fresh.digest}`]);
    const app = await fixture.app({ platforms: [stale, current] });
    await app.settled();

    const items = byReference(app);
    expect(items.get(`${name}@${old.digest}`)?.tags).toEqual(
      ['bump:digest', 'outdated', `platform:${stale.id}`].sort(),
    );
    expect(app.getImage(`${name}@${old.digest}`)?.result).toMatchObject({
      kind: 'digest',
      currentDigest: old.digest,
      latestDigest: fresh.digest,
    });
    expect(items.get(`${name}@${fresh.digest}`)?.tags).toEqual(
      [`platform:${current.id}`, 'up-to-date'].sort(),
    );
  });

  it('applies rule labels: an ignored image is not checked, a stay-on-current-major one gets its minor', async () => {
    const ignored = `${registry.peer.host}/fixtures/single-docker:1.24`;
    const sameMajor = `${registry.peer.host}/fixtures/single-oci:1.0.0`;
    const platform = new FixedPlatform('fixed:rules', [
      { name: 'ignored', reference: ignored, labels: { 'config.cupdate/ignore': 'true' } },
      { name: 'major', reference: sameMajor, labels: { 'config.cupdate/stay-on-current-major': 'true' } },
    ]);
    const app = await fixture.app({ platforms: [platform] });
    await app.settled();
    expect(byReference(app).get(ignored)).toMatchObject({ status: 'pending', update: null });
    expect(app.getImage(sameMajor)?.result).toMatchObject({
      kind: 'minor',
      latestReference: `${registry.peer.host}/fixtures/single-oci:1.1.0`,
      candidates: { patch: '1.0.1', minor: '1.1.0', major: null },
    });
    expect(() => app.checkNow(ignored)).not.toThrow();
  });

  it('explains every tag however many there are: 1,500 tags (nginx has more than 1,000)', async () => {
    const repository = realisticRepository(7, { prefix: 'big/app-', minTags: 1_500, maxTags: 1_500 });
    const seeded = await seedRealisticRepository({ url: registry.peer.url }, repository);
    const reference = `${registry.peer.host}/${seeded.running}`;
    const app = await fixture.app({ platforms: [await fixture.list('big.txt', [reference])] });
    await app.settled();

    const result = app.getImage(reference)?.result;
    const explanation = result?.explanation as { tag: string; kept: boolean }[] | undefined;
    expect(explanation).toHaveLength(1_500);
    expect(new Set(explanation?.map((verdict) => verdict.tag))).toEqual(new Set(repository.tags));
    expect(explanation?.filter((verdict) => verdict.kept).length).toBeGreaterThan(100);
    expect(result?.kind).toBe('major');
    // The run record keeps a glimpse for display; the stored result is whole.
    const record = app.getImage(reference)?.runs[0]?.record as {
      jobs: { outputs: { result?: { explanation: unknown[] } } }[];
    };
    expect(record.jobs[0]?.outputs.result?.explanation).toHaveLength(MAX_RECORD_ITEMS + 1);
  });

  it('re-checks on checkNow and merges the places an image runs into its tags', async () => {
    const ref = `${registry.peer.host}/fixtures/single-oci:2.0.0`;
    const first = await fixture.list('a.txt', [ref]);
    const second = await fixture.list('b.txt', [ref]);
    const app = await fixture.app({ platforms: [first, second] });
    await app.settled();
    expect(byReference(app).get(ref)?.tags).toEqual(
      [`platform:${first.id}`, `platform:${second.id}`, 'up-to-date'].sort(),
    );
    expect(() => app.checkNow('127.0.0.1:1/not/running:1')).toThrow(/runs on no platform/);
    const runs: string[] = [];
    app.on('progress', (event) => runs.push(`${event.type} ${event.reference}`));
    app.checkNow(ref);
    await app.settled();
    expect(runs).toEqual([`queued ${ref}`, `running ${ref}`, `done ${ref}`]);
    expect(app.getImage(ref)?.runs).toHaveLength(2);
  });
});

const amd64 = { os: 'linux', architecture: 'amd64' };
