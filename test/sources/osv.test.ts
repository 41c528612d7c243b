// The OSV source against a fake OSV API (test/fakes/fake-osv.ts, built from the documented
// querybatch / vulns shapes), and the fixed-by-update delta from SBOMs read off the real registry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { ManualClock } from '../../internal/http/testing/manual-clock.js';
import { RegistryClient } from '../../internal/oci/client.js';
import { fetchAttestations, type SbomPackage } from '../../internal/sources/attestations.js';
import { fetchOsvVulnerabilities } from '../../internal/sources/osv.js';
import { defaultEndpoints, SourceError, type SourceContext } from '../../internal/sources/types.js';
import { vulnerabilityDelta } from '../../internal/sources/vulnerability-delta.js';
import { startFakeOsv, type FakeOsv, type OsvRecord } from '../fakes/fake-osv.js';
import { pushBuildkitAttestedImage } from '../peers/attestations.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const OPENSSL_PURL = (version: string) => `pkg:deb/debian/openssl@${version}?arch=amd64&distro=debian-12`;
const openssl = (version: string): SbomPackage => ({
  name: 'openssl',
  version,
  purl: OPENSSL_PURL(version),
  ecosystem: 'Debian',
});

// Two advisories against openssl 3.0.1: one fixed in 3.0.13, one fixed only in 3.0.14.
const RECORDS: readonly OsvRecord[] = [
  {
    id: 'DEBIAN-CVE-2024-0727',
    modified: '2024-02-01T00:00:00Z',
    summary: 'PKCS12 NULL dereference',
    aliases: ['CVE-2024-0727'],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13' }] }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2024-4741',
    modified: '2024-06-01T00:00:00Z',
    details: 'Use after free in SSL_free_buffers.\nMore text.',
    aliases: ['CVE-2024-4741'],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '3.0.0' }, { fixed: '3.0.14' }] }],
      },
    ],
  },
  {
    id: 'GHSA-hrpp-h998-j3pp',
    modified: '2024-03-01T00:00:00Z',
    summary: 'qs vulnerable to Prototype Pollution',
    aliases: ['CVE-2022-24999'],
    database_specific: { severity: 'MODERATE' },
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'qs' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '6.11.0' }, { fixed: '6.11.1' }] }],
      },
    ],
  },
];

let fake: FakeOsv | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setUp(options: { pageSize?: number } = {}, clock?: ManualClock) {
  fake = await startFakeOsv(RECORDS, options);
  const http = new HttpClient({
    timeoutMs: 2_000,
    retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 1_000 },
    ...(clock === undefined ? {} : { now: clock.now, sleep: clock.sleep }),
  });
  const ctx: SourceContext = { http, endpoints: { ...defaultEndpoints, osv: fake.origin } };
  return { fake, http, ctx };
}

const batches = (osv: FakeOsv) => osv.requests.filter((r) => r.path === '/v1/querybatch');

describe('OSV source (fake OSV API)', () => {
  it('finds advisories by purl and by name + ecosystem, scores them and tags the worst', async () => {
    const { fake, ctx } = await setUp();
    const found = await fetchOsvVulnerabilities(ctx, [
      openssl('3.0.1'),
      { name: 'qs', version: '6.11.0', purl: null, ecosystem: 'npm' },
    ]);
    expect(found.vulnerabilities).toEqual([
      {
        id: 'DEBIAN-CVE-2024-4741',
        severity: 'critical',
        summary: 'Use after free in SSL_free_buffers.',
        fixedIn: '3.0.14',
        source: 'osv',
        aliases: ['CVE-2024-4741'],
        packages: ['openssl@3.0.1'],
      },
      {
        id: 'DEBIAN-CVE-2024-0727',
        severity: 'medium',
        summary: 'PKCS12 NULL dereference',
        fixedIn: '3.0.13',
        source: 'osv',
        aliases: ['CVE-2024-0727'],
        packages: ['openssl@3.0.1'],
      },
      // database_specific.severity (MODERATE) wins over the 9.8 CVSS vector.
      expect.objectContaining({ id: 'GHSA-hrpp-h998-j3pp', severity: 'medium', fixedIn: '6.11.1' }),
    ]);
    expect(found.tags).toEqual(['vulnerability:critical']);
    expect(batches(fake)[0]?.body).toEqual({
      queries: [
        { package: { purl: OPENSSL_PURL('3.0.1') } },
        { package: { name: 'qs', ecosystem: 'npm' }, version: '6.11.0' },
      ],
    });
  });

  it('does not ask about packages without a version (OSV would list every advisory)', async () => {
    const { fake, ctx } = await setUp();
    const found = await fetchOsvVulnerabilities(ctx, [
      { name: 'openssl', version: null, purl: 'pkg:deb/debian/openssl', ecosystem: 'Debian' },
      { name: 'root', version: '1.0', purl: null, ecosystem: null },
    ]);
    expect(found).toEqual({ vulnerabilities: [], tags: [] });
    expect(fake.requests).toEqual([]);
  });

  it('follows next_page_token for the queries that have one', async () => {
    const { fake, ctx } = await setUp({ pageSize: 1 });
    const found = await fetchOsvVulnerabilities(ctx, [openssl('3.0.1')]);
    expect(found.vulnerabilities.map((v) => v.id).sort()).toEqual([
      'DEBIAN-CVE-2024-0727',
      'DEBIAN-CVE-2024-4741',
    ]);
    expect(batches(fake).map((r) => r.body)).toEqual([
      { queries: [{ package: { purl: OPENSSL_PURL('3.0.1') } }] },
      { queries: [{ package: { purl: OPENSSL_PURL('3.0.1') }, page_token: '1' }] },
    ]);
  });

  it('sends at most 1,000 queries per batch', async () => {
    const { fake, ctx } = await setUp();
    const many = Array.from({ length: 1_001 }, (_, i) => openssl(`3.0.${i}`));
    const found = await fetchOsvVulnerabilities(ctx, many);
    expect(batches(fake).map((r) => (r.body as { queries: unknown[] }).queries.length)).toEqual([1_000, 1]);
    expect(found.vulnerabilities.find((v) => v.id === 'DEBIAN-CVE-2024-0727')?.packages).toHaveLength(13);
  });

  it('revalidates advisory details with If-None-Match once the day-long TTL passed (304)', async () => {
    const clock = new ManualClock();
    const { fake, http, ctx } = await setUp({}, clock);
    await fetchOsvVulnerabilities(ctx, [openssl('3.0.1')]);
    await fetchOsvVulnerabilities(ctx, [openssl('3.0.1')]);
    const details = () => fake.requests.filter((r) => r.path.startsWith('/v1/vulns/'));
    expect(details()).toHaveLength(2); // the second run was served from cache
    clock.advance(24 * 60 * 60_000 + 1);
    const again = await fetchOsvVulnerabilities(ctx, [openssl('3.0.1')]);
    expect(details().map((r) => r.status)).toEqual([200, 200, 304, 304]);
    expect(http.stats().revalidated).toBe(2);
    expect(again.vulnerabilities.map((v) => v.summary)).toContain('PKCS12 NULL dereference');
  });

  it('a 429 is a SourceError saying when the limit resets', async () => {
    const { fake, ctx } = await setUp();
    fake.behaviour = 'rate-limited';
    const before = Date.now();
    const error = (await fetchOsvVulnerabilities(ctx, [openssl('3.0.1')]).catch(
      (e: unknown) => e,
    )) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    const at = /resets at (\S+)$/.exec(error.message)?.[1];
    expect(error.message).toMatch(/^failed: OSV rate limit reached \(429\)/);
    expect(Date.parse(at ?? '')).toBeGreaterThanOrEqual(before + 119_000);
  });

  it('a 403 with x-ratelimit-reset is a SourceError saying when the limit resets', async () => {
    const { fake, ctx } = await setUp();
    fake.behaviour = 'forbidden-with-reset';
    await expect(fetchOsvVulnerabilities(ctx, [openssl('3.0.1')])).rejects.toThrow(
      /OSV rate limit reached \(403\), resets at \d{4}-\d\d-\d\dT/,
    );
  });

  it('garbage instead of JSON is a SourceError naming the URL', async () => {
    const { fake, ctx } = await setUp();
    fake.behaviour = 'garbage';
    await expect(fetchOsvVulnerabilities(ctx, [openssl('3.0.1')])).rejects.toThrow(
      new RegExp(`failed: response of ${fake.origin}/v1/querybatch .*not valid JSON`),
    );
  });

  it('a wrong OSV endpoint (404 on querybatch) is a SourceError naming the URL', async () => {
    const { fake, ctx } = await setUp();
    const wrong = { ...ctx, endpoints: { ...ctx.endpoints, osv: `${fake.origin}/nothing` } };
    await expect(fetchOsvVulnerabilities(wrong, [openssl('3.0.1')])).rejects.toThrow(
      `failed: ${fake.origin}/nothing/v1/querybatch answered 404`,
    );
  });
});

const unavailable = registryAvailable('none');
const skipNote = unavailable === null ? '' : ` (skipped: ${unavailable})`;

describe.skipIf(unavailable !== null)(
  `vulnerabilities fixed by an update: real registry SBOMs + fake OSV API${skipNote}`,
  () => {
    let registry: RegistryPeer;
    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
    });
    afterAll(async () => {
      await registry?.stop();
    });

    const sbomOf = (version: string) => ({
      predicateType: 'https://spdx.dev/Document',
      predicate: {
        spdxVersion: 'SPDX-2.3',
        packages: [
          {
            name: 'openssl',
            versionInfo: version,
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: OPENSSL_PURL(version),
              },
            ],
          },
        ],
      },
    });

    it('running openssl 3.0.1 → candidate 3.0.13: exactly the advisory fixed in 3.0.13 is fixed by the update', async () => {
      const { ctx } = await setUp();
      const platform = { os: 'linux', architecture: 'amd64' };
      for (const [tag, version, salt] of [
        ['1.0', '3.0.1', 'a'],
        ['1.1', '3.0.13', 'b'],
      ] as const) {
        await pushBuildkitAttestedImage(
          { url: registry.url },
          'acme/tls',
          tag,
          { format: 'oci', platforms: [platform], salt },
          [sbomOf(version)],
        );
      }
      const registryClient = new RegistryClient({ http: new HttpClient() });
      const scan = async (tag: string) => {
        const { sbom } = await fetchAttestations(registryClient, {
          reference: `${registry.host}/acme/tls:${tag}`,
          platform,
        });
        return (await fetchOsvVulnerabilities(ctx, sbom?.packages ?? [])).vulnerabilities;
      };
      const delta = vulnerabilityDelta(await scan('1.0'), await scan('1.1'));
      expect(delta.fixedByUpdate.map((v) => v.id)).toEqual(['DEBIAN-CVE-2024-0727']);
      expect(delta.remaining.map((v) => v.id)).toEqual(['DEBIAN-CVE-2024-4741']);
      expect(delta.introducedByUpdate).toEqual([]);
    });
  },
);
