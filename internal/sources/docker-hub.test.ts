import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDockerHub, type FakeDockerHub } from '../../test/fakes/fake-docker-hub.js';
import { fakeSourceContext } from '../../test/fakes/fake-json-api.js';
import type { ManualClock } from '../http/testing/manual-clock.js';
import { dockerHubEnrichment } from './docker-hub.js';
import { SourceError, type SourceContext } from './types.js';

const NGINX = {
  description: 'Official build of Nginx.',
  full_description: '# Quick reference\n\n<script>alert(1)</script> stays as received',
  star_count: 20_000,
  pull_count: 1_000_000_000,
  last_updated: '2026-11-20T10:00:00.000000Z',
  // 250 tags, newest first: 1.27.249 … 1.27.0
  tags: Array.from({ length: 250 }, (_, i) => ({
    name: `1.27.${249 - i}`,
    tag_last_pushed: new Date(Date.UTC(2026, 0, 1) + (249 - i) * 3_600_000).toISOString(),
  })),
};

describe('Docker Hub source against a fake Docker Hub', () => {
  let hub: FakeDockerHub;
  let clock: ManualClock;
  let ctx: SourceContext;

  beforeAll(async () => {
    hub = await startFakeDockerHub();
    hub.repositories.set('library/nginx', NGINX);
    hub.repositories.set('bitnami/redis', {
      ...NGINX,
      full_description: null,
      description: 'Redis by Bitnami',
      tags: [],
    });
  });
  afterAll(async () => hub.stop());
  beforeEach(() => {
    ({ ctx, clock } = fakeSourceContext({ dockerHub: hub.origin }));
    hub.behaviour = 'normal';
    hub.maxPageSize = 100;
    hub.requests.length = 0;
  });
  afterEach(async () => ctx.http.close());

  it('fake Docker Hub: reads the full description as markdown, counts, link and push dates', async () => {
    const result = await dockerHubEnrichment(ctx, {
      reference: 'nginx:1.27.248',
      tags: ['1.27.248', '1.27.249'],
    });
    expect(result.description).toEqual({
      format: 'markdown',
      body: NGINX.full_description,
      source: 'docker-hub',
    });
    expect(result.hub).toEqual({
      shortDescription: 'Official build of Nginx.',
      starCount: 20_000,
      pullCount: 1_000_000_000,
      lastUpdated: Date.parse('2026-11-20T10:00:00Z'),
    });
    expect(result.links).toEqual([{ type: 'registry', url: 'https://hub.docker.com/_/nginx' }]);
    expect(result.releaseDates).toEqual({
      '1.27.248': Date.UTC(2026, 0, 1) + 248 * 3_600_000,
      '1.27.249': Date.UTC(2026, 0, 1) + 249 * 3_600_000,
    });
    expect(hub.requests.map((r) => r.url)).toEqual([
      '/v2/repositories/library/nginx/',
      '/v2/repositories/library/nginx/tags?page_size=100',
    ]);
  });

  it('fake Docker Hub: falls back to the short description as text for a user repository', async () => {
    const result = await dockerHubEnrichment(ctx, { reference: 'bitnami/redis:7' });
    expect(result.description).toEqual({ format: 'text', body: 'Redis by Bitnami', source: 'docker-hub' });
    expect(result.links).toEqual([{ type: 'registry', url: 'https://hub.docker.com/r/bitnami/redis' }]);
    expect(result.releaseDates).toBeUndefined();
  });

  it('fake Docker Hub: follows `next` until every wanted tag is found, and no further', async () => {
    hub.maxPageSize = 40;
    const result = await dockerHubEnrichment(ctx, { reference: 'nginx', tags: ['1.27.249', '1.27.150'] });
    expect(Object.keys(result.releaseDates ?? {}).sort()).toEqual(['1.27.150', '1.27.249']);
    // 1.27.150 is the 100th tag: page 3 of 40; pages 4–7 are not fetched.
    expect(
      hub.requests
        .filter((r) => r.url.includes('/tags'))
        .map((r) => new URL(r.url, hub.origin).searchParams.get('page')),
    ).toEqual([null, '2', '3']);
  });

  it('fake Docker Hub: a second call after the TTL is served by a 304 revalidation', async () => {
    await dockerHubEnrichment(ctx, { reference: 'nginx', tags: ['1.27.249'] });
    clock.advance(2 * 60 * 60 * 1000);
    const again = await dockerHubEnrichment(ctx, { reference: 'nginx', tags: ['1.27.249'] });
    expect(again.description?.body).toBe(NGINX.full_description);
    expect(hub.requests.map((r) => r.status)).toEqual([200, 200, 304, 304]);
    expect(ctx.http.stats().revalidated).toBe(2);
  });

  // The first 429 pauses the host in the HTTP client until the reset; its retries are answered by the
  // client's own 429, and the reset then comes from the client's budget for the host.
  it('fake Docker Hub: a 429 with x-ratelimit-reset says when the limit resets', async () => {
    hub.behaviour = 'rate-limited';
    hub.rateLimitResetAt = Math.floor(Date.UTC(2026, 10, 27, 14, 5) / 1000);
    const error = await dockerHubEnrichment(ctx, { reference: 'nginx' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).source).toBe('docker-hub');
    expect((error as SourceError).message).toMatch(
      /^failed: docker-hub rate limit reached \(HTTP 429 from .*\), resets at 2026-11-27T14:05:00Z; try again later/,
    );
  });

  it('fake Docker Hub: an unknown repository is skipped with a reason', async () => {
    await expect(dockerHubEnrichment(ctx, { reference: 'nobody/nothing' })).rejects.toThrow(
      /^skipped: no such Docker Hub repository nobody\/nothing \(404 from http:\/\/127\.0\.0\.1:\d+\/v2\/repositories\/nobody\/nothing\/\)$/,
    );
  });

  it('fake Docker Hub: a body that is not JSON fails naming the URL', async () => {
    hub.behaviour = 'garbage';
    await expect(dockerHubEnrichment(ctx, { reference: 'nginx' })).rejects.toThrow(
      /failed: Docker Hub repository library\/nginx: malformed answer from http:\/\/127\.0\.0\.1:\d+\/v2\/repositories\/library\/nginx\/ \(the body is not JSON\)/,
    );
  });

  it('fake Docker Hub: JSON of the wrong shape fails naming the URL', async () => {
    hub.behaviour = 'wrong-shape';
    await expect(dockerHubEnrichment(ctx, { reference: 'nginx', tags: ['1'] })).rejects.toThrow(
      /Docker Hub tags of library\/nginx: malformed answer from .*\/tags \("results" is not a list\)/,
    );
  });

  it('is skipped for an image that is not on Docker Hub, without a request', async () => {
    await expect(dockerHubEnrichment(ctx, { reference: 'quay.io/prometheus/node-exporter' })).rejects.toThrow(
      'skipped: quay.io/prometheus/node-exporter is not a Docker Hub image',
    );
    expect(hub.requests).toHaveLength(0);
  });
});
