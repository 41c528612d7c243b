// The enrichment jobs end to end: the real registry (Debian docker-registry) holds the images and
// their attestations; GitHub, Docker Hub and OSV are fakes on 127.0.0.1 that speak their documented
// wire shapes (test/fakes/). What each job found is merged and stored, and returned by getImage();
// a source that fails or has nothing to say fails or skips only its own job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App, SourceSettings } from '../../internal/app.js';
import type { JobRecord, RunRecord } from '../../internal/workflow/index.js';
import { startFakeDockerHub, type FakeDockerHub } from '../fakes/fake-docker-hub.js';
import { startFakeGithub, type FakeGithub } from '../fakes/fake-github.js';
import { startFakeOsv, type FakeOsv } from '../fakes/fake-osv.js';
import { startFakeQuay } from '../fakes/fake-quay.js';
import { pushBuildkitAttestedImage, type InTotoAttestation } from '../peers/attestations.js';
import { pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';
import { useAppFixture } from './app-fixture.js';

const unavailable = registryAvailable('none');
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
/** Longer than a run record keeps of a string (10,000 characters): the store must get it whole. */
const README = `# Acme app\n\n${'Does things. '.repeat(2_000)}`;

/** An SPDX SBOM attestation (as BuildKit writes it) listing one Debian openssl package. */
function opensslSbom(version: string): InTotoAttestation {
  return {
    predicateType: 'https://spdx.dev/Document',
    predicate: {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'sbom',
      packages: [
        {
          name: 'openssl',
          SPDXID: 'SPDXRef-Package-openssl',
          versionInfo: version,
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: `pkg:deb/debian/openssl@${version}?arch=amd64`,
            },
          ],
        },
      ],
    },
  };
}

function jobOf(app: App, reference: string, id: string): JobRecord | undefined {
  const record = app.getImage(reference)?.runs[0]?.record as unknown as RunRecord | undefined;
  return record?.jobs.find((job) => job.id === id);
}

/** The error message of the step that failed the job. */
function failureOf(job: JobRecord | undefined): string | undefined {
  return job?.steps.find((step) => step.status === 'failed')?.error?.message;
}

describe.skipIf(unavailable !== null)(`enrichment jobs (real registry; skipped: ${unavailable})`, () => {
  let registry: RegistryPeer;
  let github: FakeGithub;
  let hub: FakeDockerHub;
  let osv: FakeOsv;
  const fixture = useAppFixture();
  const resetAt = Math.floor(Date.parse('2030-01-02T03:04:05Z') / 1000);

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    github = await startFakeGithub([
      {
        owner: 'acme',
        name: 'app',
        description: 'The app',
        readme: README,
        spdx: 'MIT',
        releases: ['1.6.0', '1.5.0', '1.4.0', '1.3.0', '1.2.0', '1.1.0'].map((version) => ({
          tag: `v${version}`,
          name: `Release ${version}`,
          body: `Changes in ${version}`,
          publishedAt: '2026-01-01T00:00:00Z',
        })),
      },
    ]);
    hub = await startFakeDockerHub();
    osv = await startFakeOsv([
      {
        id: 'DEBIAN-CVE-2026-0001',
        modified: '2026-01-01T00:00:00Z',
        summary: 'openssl: buffer overflow',
        aliases: ['CVE-2026-0001'],
        database_specific: { severity: 'HIGH' },
        affected: [
          {
            package: { ecosystem: 'Debian', name: 'openssl' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.2' }] }],
          },
        ],
      },
    ]);
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), github?.stop(), hub?.stop(), osv?.stop()]);
  });

  const sources = (): SourceSettings => ({
    endpoints: { github: github.url, dockerHub: hub.origin, osv: osv.origin },
    githubToken: async () => null,
  });
  const target = () => ({ url: registry.url });
  /** Pushes `repository` with `tags`, each one image whose source annotation is `source`. */
  const pushTags = async (repository: string, tags: readonly string[], source: string) => {
    for (const tag of tags) {
      await pushImage(target(), repository, [tag], {
        format: 'oci',
        platforms: [AMD64],
        annotations: { 'org.opencontainers.image.source': source },
        salt: tag,
      });
    }
  };

  it('stores release notes for the whole range from the GitHub repository the annotations name (fake GitHub)', async () => {
    await pushTags('acme/app', ['1.2.0', '1.3.0', '1.4.0', '1.5.0'], 'https://github.com/acme/app.git');
    const reference = `${registry.host}/acme/app:1.2.0`;
    const app = await fixture.app({
      platforms: [await fixture.list('l.txt', [reference])],
      sources: sources(),
    });
    await app.settled();

    const image = app.getImage(reference);
    expect(image?.status).toBe('done');
    expect(image?.result).toMatchObject({
      kind: 'minor',
      latestReference: `${registry.host}/acme/app:1.5.0`,
    });
    expect(image?.releaseNotes.map((note) => [note.version, note.title, note.body])).toEqual([
      ['v1.5.0', 'Release 1.5.0', 'Changes in 1.5.0'],
      ['v1.4.0', 'Release 1.4.0', 'Changes in 1.4.0'],
      ['v1.3.0', 'Release 1.3.0', 'Changes in 1.3.0'],
    ]);
    // Source determination: the annotation's clone URL became the repository page, listed once.
    expect(image?.links.filter((link) => link.type === 'source')).toEqual([
      { type: 'source', url: 'https://github.com/acme/app' },
    ]);
    expect(image?.links).toContainEqual({
      type: 'compare',
      url: 'https://github.com/acme/app/compare/v1.2.0...v1.5.0',
    });
    expect(image?.description).toEqual({ format: 'markdown', body: README, source: 'github' });
    expect(image?.tags).toEqual(expect.arrayContaining(['github', 'license:MIT', 'bump:minor']));
    // Nothing asked Docker Hub about an image on 127.0.0.1.
    expect(jobOf(app, reference, 'docker-hub')).toMatchObject({
      status: 'skipped',
      reason: 'if condition is false',
    });
    expect(hub.requests).toEqual([]);
  });

  it('marks a vulnerability of the running image fixed-by-update from the SBOMs of both images (fake OSV)', async () => {
    await pushBuildkitAttestedImage(
      target(),
      'acme/vuln',
      '1.0.0',
      { format: 'oci', platforms: [AMD64], salt: 'a' },
      [opensslSbom('3.0.1')],
    );
    await pushBuildkitAttestedImage(
      target(),
      'acme/vuln',
      '1.1.0',
      { format: 'oci', platforms: [AMD64], salt: 'b' },
      [opensslSbom('3.0.2')],
    );
    const reference = `${registry.host}/acme/vuln:1.0.0`;
    const app = await fixture.app({
      platforms: [await fixture.list('l.txt', [reference])],
      sources: sources(),
    });
    await app.settled();

    const image = app.getImage(reference);
    expect(image?.status).toBe('done');
    expect(image?.vulnerabilities).toEqual([
      {
        id: 'DEBIAN-CVE-2026-0001',
        severity: 'high',
        summary: 'openssl: buffer overflow',
        fixedIn: '3.0.2',
        source: 'osv',
        updateEffect: 'fixed-by-update',
      },
    ]);
    expect(image?.tags).toEqual(expect.arrayContaining(['attestation', 'sbom', 'vulnerability:high']));
    expect(jobOf(app, reference, 'vulnerabilities')?.status).toBe('succeeded');
  });

  it('skips the GitHub job of a repository GitHub does not know (404); the image keeps its result (fake GitHub)', async () => {
    await pushTags('acme/gone', ['1.0.0', '1.1.0'], 'https://github.com/acme/gone');
    const reference = `${registry.host}/acme/gone:1.0.0`;
    const app = await fixture.app({
      platforms: [await fixture.list('l.txt', [reference])],
      sources: sources(),
    });
    await app.settled();

    const image = app.getImage(reference);
    expect(image).toMatchObject({ status: 'done', error: null, result: { kind: 'minor' } });
    expect(image?.runs[0]?.status).toBe('succeeded');
    const job = jobOf(app, reference, 'github');
    expect(job?.status).toBe('skipped');
    expect(job?.reason).toMatch(/^no such GitHub repository acme\/gone/);
    expect(job?.steps[0]).toMatchObject({ status: 'skipped', error: null, attempts: 1 });
    expect(image?.links).toEqual([{ type: 'source', url: 'https://github.com/acme/gone' }]);
  });

  it('fails the GitHub job with the reset time when GitHub is rate limited; the image stays done (fake GitHub)', async () => {
    await pushTags('acme/limited', ['2.0.0', '2.1.0'], 'https://github.com/acme/app');
    const reference = `${registry.host}/acme/limited:2.0.0`;
    github.rateLimit = { limit: 60, remaining: 0, resetEpochSeconds: resetAt };
    github.rateLimitStatus = 403;
    try {
      const app = await fixture.app({
        platforms: [await fixture.list('l.txt', [reference])],
        sources: sources(),
      });
      await app.settled();
      const image = app.getImage(reference);
      expect(image).toMatchObject({ status: 'done', result: { kind: 'minor' }, releaseNotes: [] });
      expect(image?.runs[0]?.status).toBe('failed');
      const job = jobOf(app, reference, 'github');
      expect(job).toMatchObject({ status: 'failed', reason: 'step "github" failed' });
      expect(failureOf(job)).toMatch(/^failed: GitHub rate limit reached .*resets at 2030-01-02T03:04:05/);
      expect(jobOf(app, reference, 'annotations')?.status).toBe('succeeded');
    } finally {
      github.rateLimit = { limit: 60, remaining: 60, resetEpochSeconds: resetAt };
    }
  });

  it('fails the Docker Hub job naming the URL when Docker Hub answers garbage (fake Docker Hub)', async () => {
    await pushTags('library/hubapp', ['1.0.0', '1.1.0'], 'https://example.org/hubapp');
    hub.behaviour = 'garbage';
    const reference = 'docker.io/library/hubapp:1.0.0';
    const app = await fixture.app({
      platforms: [await fixture.list('l.txt', [reference])],
      registry: { registryUrls: { 'docker.io': registry.url } },
      sources: { ...sources(), disabled: ['attestations'] },
    });
    await app.settled();

    const image = app.getImage(reference);
    expect(image).toMatchObject({ status: 'done', result: { kind: 'minor' } });
    const job = jobOf(app, reference, 'docker-hub');
    expect(job).toMatchObject({ status: 'failed', reason: 'step "docker-hub" failed' });
    expect(failureOf(job)).toContain(`${hub.origin}/v2/repositories/library/hubapp/`);
    expect(failureOf(job)).toMatch(/^failed: .*malformed answer.*not JSON/);
    expect(jobOf(app, reference, 'attestations')).toMatchObject({ status: 'skipped' });
    // The registry link is kept whatever Docker Hub answered.
    expect(image?.links).toContainEqual({ type: 'registry', url: 'https://hub.docker.com/_/hubapp' });
  });
  it('asks Quay for the scan of the running platform manifest, read from the running index (fake Quay)', async () => {
    const quay = await startFakeQuay();
    try {
      const pushed = await pushImage(target(), 'prometheus/node-exporter', ['1.0.0'], {
        format: 'oci',
        platforms: [AMD64, ARM64],
        salt: 'quay',
      });
      const amd64 = pushed.manifests[0]?.digest ?? '';
      quay.repositories.set('prometheus/node-exporter', {
        description: 'Exporter for machine metrics',
        tags: [{ name: '1.0.0', start_ts: 1_700_000_000, manifest_digest: pushed.digest }],
        scans: new Map([
          [
            amd64,
            {
              status: 'scanned',
              features: [
                {
                  Name: 'openssl',
                  Version: '3.0.1',
                  Vulnerabilities: [
                    { Name: 'CVE-2026-0002', Severity: 'High', FixedBy: '3.0.2', Description: 'x' },
                  ],
                },
              ],
            },
          ],
        ]),
      });
      // The running digest is the index the tag names: check reads nothing more (its HEAD said so).
      const reference = `quay.io/prometheus/node-exporter:1.0.0@${pushed.digest}`;
      const app = await fixture.app({
        platforms: [await fixture.list('l.txt', [reference])],
        registry: { registryUrls: { 'quay.io': registry.url } },
        sources: {
          endpoints: { quay: quay.origin },
          disabled: ['annotations', 'docker-hub', 'github', 'gitlab', 'attestations', 'osv'],
        },
      });
      await app.settled();

      expect(jobOf(app, reference, 'quay')?.status).toBe('succeeded');
      expect(quay.requests.map((request) => request.url)).toContain(
        `/api/v1/repository/prometheus/node-exporter/manifest/${amd64}/security?vulnerabilities=true`,
      );
      expect(app.getImage(reference)?.vulnerabilities.map((vulnerability) => vulnerability.id)).toEqual([
        'CVE-2026-0002',
      ]);
    } finally {
      await quay.stop();
    }
  });
});
