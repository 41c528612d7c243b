import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeQuay, type FakeQuay } from '../../test/fakes/fake-quay.js';
import { fakeSourceContext } from '../../test/fakes/fake-json-api.js';
import type { ManualClock } from '../http/testing/manual-clock.js';
import { normalizeSeverity, quayEnrichment } from './quay.js';
import { SourceError, type SourceContext } from './types.js';

const SCANNED = `sha256:${'a'.repeat(64)}`;
const QUEUED = `sha256:${'b'.repeat(64)}`;
const UNKNOWN = `sha256:${'c'.repeat(64)}`;
const T0 = Date.UTC(2026, 0, 1) / 1000;
// Found in two packages (openssl and libssl3): listed once.
const HEAP_OVERFLOW = {
  Name: 'CVE-2026-0001',
  Severity: 'Critical',
  FixedBy: '3.0.2',
  Description: 'Heap overflow',
};

describe('Quay source against a fake Quay', () => {
  let quay: FakeQuay;
  let clock: ManualClock;
  let ctx: SourceContext;

  beforeAll(async () => {
    quay = await startFakeQuay();
    quay.repositories.set('prometheus/node-exporter', {
      description: 'Exporter for **machine** metrics',
      // 120 tags, newest first: v1.119.0 … v1.0.0
      tags: Array.from({ length: 120 }, (_, i) => ({
        name: `v1.${119 - i}.0`,
        start_ts: T0 + (119 - i) * 86_400,
        manifest_digest: SCANNED,
      })),
      scans: new Map([
        [
          SCANNED,
          {
            status: 'scanned',
            features: [
              {
                Name: 'openssl',
                Version: '3.0.1',
                Vulnerabilities: [
                  HEAP_OVERFLOW,
                  { Name: 'CVE-2026-0002', Severity: 'Negligible', FixedBy: '', Description: 'Timing leak' },
                ],
              },
              { Name: 'zlib', Version: '1.2.13' },
              {
                Name: 'libssl3',
                Version: '3.0.1',
                Vulnerabilities: [
                  HEAP_OVERFLOW,
                  {
                    Name: 'CVE-2026-0003',
                    Severity: 'Defcon1',
                    FixedBy: '3.0.3',
                    Description: 'Remote code execution',
                  },
                ],
              },
            ],
          },
        ],
        [QUEUED, { status: 'queued' }],
      ]),
    });
  });
  afterAll(async () => quay.stop());
  beforeEach(() => {
    ({ ctx, clock } = fakeSourceContext({ quay: quay.origin }));
    quay.behaviour = 'normal';
    quay.maxPageSize = 50;
    quay.requests.length = 0;
  });
  afterEach(async () => ctx.http.close());

  it('fake Quay: reads the description, push dates across pages and the scan of a manifest', async () => {
    const result = await quayEnrichment(ctx, {
      reference: 'quay.io/prometheus/node-exporter:v1.1.0',
      tags: ['v1.1.0', 'v1.119.0'],
      digest: SCANNED,
    });
    expect(result.description).toEqual({
      format: 'markdown',
      body: 'Exporter for **machine** metrics',
      source: 'quay',
    });
    expect(result.links).toEqual([
      { type: 'registry', url: 'https://quay.io/repository/prometheus/node-exporter' },
    ]);
    expect(result.releaseDates).toEqual({
      'v1.119.0': (T0 + 119 * 86_400) * 1000,
      'v1.1.0': (T0 + 86_400) * 1000,
    });
    // v1.1.0 is the 119th tag: page 3 of 50.
    expect(
      quay.requests
        .filter((r) => r.url.includes('/tag/'))
        .map((r) => new URL(r.url, quay.origin).searchParams.get('page')),
    ).toEqual(['1', '2', '3']);
    expect(result.vulnerabilities).toEqual([
      {
        id: 'CVE-2026-0001',
        severity: 'critical',
        summary: 'Heap overflow',
        fixedIn: '3.0.2',
        source: 'quay',
      },
      { id: 'CVE-2026-0002', severity: 'low', summary: 'Timing leak', fixedIn: null, source: 'quay' },
      {
        id: 'CVE-2026-0003',
        severity: 'critical',
        summary: 'Remote code execution',
        fixedIn: '3.0.3',
        source: 'quay',
      },
    ]);
  });

  it('fake Quay: a manifest not scanned yet or unknown to Quay gives no vulnerability list', async () => {
    const queued = await quayEnrichment(ctx, {
      reference: 'quay.io/prometheus/node-exporter',
      digest: QUEUED,
    });
    expect(queued.vulnerabilities).toBeUndefined();
    const unknown = await quayEnrichment(ctx, {
      reference: 'quay.io/prometheus/node-exporter',
      digest: UNKNOWN,
    });
    expect(unknown.vulnerabilities).toBeUndefined();
    expect(unknown.description?.body).toBe('Exporter for **machine** metrics');
  });

  it('fake Quay: a second call after the TTL is served by 304 revalidations', async () => {
    const input = { reference: 'quay.io/prometheus/node-exporter', tags: ['v1.119.0'], digest: SCANNED };
    const first = await quayEnrichment(ctx, input);
    clock.advance(2 * 60 * 60 * 1000);
    const second = await quayEnrichment(ctx, input);
    expect(second).toEqual(first);
    expect(quay.requests.map((r) => r.status)).toEqual([200, 200, 200, 304, 304, 304]);
  });

  it('fake Quay: a 429 with Retry-After says when to try again', async () => {
    quay.behaviour = 'rate-limited';
    quay.retryAfterSeconds = 3600;
    const error = await quayEnrichment(ctx, { reference: 'quay.io/prometheus/node-exporter' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    const resetsAt = Date.parse(/resets at (\S+);/.exec((error as Error).message)?.[1] ?? '');
    expect(Math.abs(resetsAt - (Date.now() + 3_600_000))).toBeLessThan(5_000);
  });

  it('fake Quay: an unknown repository is skipped with a reason', async () => {
    await expect(quayEnrichment(ctx, { reference: 'quay.io/nobody/nothing' })).rejects.toThrow(
      /^skipped: no such Quay repository nobody\/nothing \(404 from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/repository\/nobody\/nothing\)$/,
    );
  });

  it('fake Quay: garbage and wrong-shape answers fail naming the URL', async () => {
    quay.behaviour = 'garbage';
    await expect(quayEnrichment(ctx, { reference: 'quay.io/prometheus/node-exporter' })).rejects.toThrow(
      /malformed answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/repository\/prometheus\/node-exporter \(the body is not JSON\)/,
    );
  });

  it('fake Quay: a tag page without a tag list fails naming the URL', async () => {
    quay.behaviour = 'wrong-shape';
    await expect(
      quayEnrichment(ctx, { reference: 'quay.io/prometheus/node-exporter', tags: ['v1'] }),
    ).rejects.toThrow(
      /Quay tags of prometheus\/node-exporter: malformed answer from .*\/tag\/ \("tags" is not a list\)/,
    );
  });

  it('sends the token to the Quay endpoint as a bearer token, and never puts it in an error', async () => {
    const error = await quayEnrichment(ctx, {
      reference: 'quay.io/nobody/nothing',
      token: 's3cret-token',
    }).catch((e: unknown) => e);
    expect(quay.requests[0]?.headers.authorization).toBe('Bearer s3cret-token');
    expect(JSON.stringify(error) + String(error)).not.toContain('s3cret');
  });

  it('refuses a digest that is not one, and images not on quay.io, without a request', async () => {
    await expect(quayEnrichment(ctx, { reference: 'quay.io/a/b', digest: '../../x' })).rejects.toThrow(
      /is not a manifest digest/,
    );
    await expect(quayEnrichment(ctx, { reference: 'nginx' })).rejects.toThrow(
      'skipped: docker.io/library/nginx is not a Quay image',
    );
    expect(quay.requests).toHaveLength(0);
  });

  it.each([
    ['Critical', 'critical'],
    ['Defcon1', 'critical'],
    ['High', 'high'],
    ['Medium', 'medium'],
    ['Low', 'low'],
    ['Negligible', 'low'],
    ['Unknown', 'unknown'],
    ['something new', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('normalizes the Clair severity %s to %s', (given, expected) => {
    expect(normalizeSeverity(given)).toBe(expected);
  });
});
