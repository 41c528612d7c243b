// The attestations source against the real registry (Debian docker-registry, distribution 2.8.2):
// BuildKit attestation manifests in an index, and OCI 1.1 referrers found through the referrers
// tag schema (distribution 2.8 has no referrers API, so the client's fallback is what runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { RegistryClient } from '../../internal/oci/client.js';
import { fetchAttestations } from '../../internal/sources/attestations.js';
import { SourceError } from '../../internal/sources/types.js';
import {
  IN_TOTO,
  pushBuildkitAttestedImage,
  pushReferrer,
  pushSubject,
  statementAbout,
  type InTotoAttestation,
  type Subject,
} from '../peers/attestations.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const unavailable = registryAvailable('none');
const skipNote = unavailable === null ? '' : ` (skipped: ${unavailable})`;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64' };

// BuildKit's SLSA v0.2 provenance for a build from a git context (docs/attestations/slsa-definitions.md).
const buildkitProvenance: InTotoAttestation = {
  predicateType: 'https://slsa.dev/provenance/v0.2',
  predicate: {
    builder: { id: 'https://github.com/acme/app/actions/runs/42' },
    buildType: 'https://mobyproject.org/buildkit@v1',
    invocation: {
      configSource: {
        uri: 'https://github.com/acme/app.git#refs/tags/v1.0.0',
        digest: { sha1: '4b220de5058abfd01ff619c9d2ff6b09a049bea0' },
        entryPoint: 'Dockerfile',
      },
    },
    metadata: { buildStartedOn: '2026-01-02T03:04:00Z', buildFinishedOn: '2026-01-02T03:05:06Z' },
  },
};

const spdxSbom: InTotoAttestation = {
  predicateType: 'https://spdx.dev/Document',
  predicate: {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'sbom',
    packages: [
      {
        name: 'openssl',
        SPDXID: 'SPDXRef-Package-openssl',
        versionInfo: '3.0.1',
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: 'pkg:deb/debian/openssl@3.0.1?arch=amd64&distro=debian-12',
          },
        ],
      },
      { name: 'app-root', SPDXID: 'SPDXRef-Package-root', versionInfo: 'NOASSERTION' },
    ],
  },
};

// GitHub's actions attestation (SLSA v1, buildType actions/buildtypes/workflow/v1).
const githubProvenance: InTotoAttestation = {
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: {
          ref: 'refs/tags/v2.0.0',
          repository: 'https://github.com/acme/referred',
          path: '.github/workflows/release.yml',
        },
      },
      resolvedDependencies: [
        {
          uri: 'git+https://github.com/acme/referred@refs/tags/v2.0.0',
          digest: { gitCommit: '7d3c1e0b2f9a8c6d5e4f3a2b1c0d9e8f7a6b5c4d' },
        },
      ],
    },
    runDetails: {
      builder: { id: 'https://github.com/actions/runner/github-hosted' },
      metadata: {
        invocationId: 'https://github.com/acme/referred/actions/runs/1/attempts/1',
        startedOn: '2026-02-03T04:05:06Z',
      },
    },
  },
};

const cyclonedxSbom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  components: [
    {
      type: 'library',
      name: 'express',
      version: '4.18.2',
      purl: 'pkg:npm/express@4.18.2',
      components: [{ type: 'library', name: 'qs', version: '6.11.0', purl: 'pkg:npm/qs@6.11.0' }],
    },
  ],
};

describe.skipIf(unavailable !== null)(`attestations on a real registry${skipNote}`, () => {
  let registry: RegistryPeer;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  const target = () => ({ url: registry.url });
  const client = () => new RegistryClient({ http: new HttpClient() });
  const attestationsOf = (path: string, platform = AMD64) =>
    fetchAttestations(client(), { reference: `${registry.host}/${path}`, platform });
  /** An OCI referrer of `subject` whose one layer has the artifact's own media type. */
  const attach = (repository: string, subject: Subject, type: string, content: Buffer) =>
    pushReferrer(target(), repository, subject, { artifactType: type, layerMediaType: type, content });

  it('reads SLSA v0.2 provenance and an SPDX SBOM from a BuildKit attestation manifest', async () => {
    await pushBuildkitAttestedImage(
      target(),
      'acme/buildkit',
      '1.0.0',
      { format: 'oci', platforms: [AMD64] },
      [buildkitProvenance, spdxSbom],
    );
    const found = await attestationsOf('acme/buildkit:1.0.0');
    expect(found.provenance).toEqual({
      predicateType: 'https://slsa.dev/provenance/v0.2',
      builderId: 'https://github.com/acme/app/actions/runs/42',
      sourceRepository: 'https://github.com/acme/app',
      revision: '4b220de5058abfd01ff619c9d2ff6b09a049bea0',
      buildTime: Date.parse('2026-01-02T03:05:06Z'),
    });
    expect(found.sbom).toEqual({
      format: 'spdx',
      packages: [
        {
          name: 'openssl',
          version: '3.0.1',
          purl: 'pkg:deb/debian/openssl@3.0.1?arch=amd64&distro=debian-12',
          ecosystem: 'Debian',
        },
        { name: 'app-root', version: null, purl: null, ecosystem: null },
      ],
    });
    expect(found.tags).toEqual(['attestation', 'sbom']);
    expect(found.links).toEqual([{ type: 'source', url: 'https://github.com/acme/app' }]);
  });

  it('reads the attestations of the platform asked for; a platform the index lacks is an error', async () => {
    await pushBuildkitAttestedImage(
      target(),
      'acme/other-platform',
      '1.0.0',
      { format: 'oci', platforms: [ARM64] },
      [buildkitProvenance],
    );
    const found = await attestationsOf('acme/other-platform:1.0.0', ARM64);
    expect(found.provenance?.revision).toBe('4b220de5058abfd01ff619c9d2ff6b09a049bea0');
    await expect(attestationsOf('acme/other-platform:1.0.0')).rejects.toThrow(/no linux\/amd64 manifest/);
  });

  it('reads a SLSA v1 statement and a bare CycloneDX 1.5 SBOM attached as OCI referrers (tag-schema fallback)', async () => {
    const subject = await pushSubject(target(), 'acme/referred', ['2.0.0'], {
      format: 'oci',
      platforms: [AMD64],
    });
    await attach('acme/referred', subject, IN_TOTO, statementAbout(subject, githubProvenance));
    await attach(
      'acme/referred',
      subject,
      'application/vnd.cyclonedx+json',
      Buffer.from(JSON.stringify(cyclonedxSbom)),
    );
    const found = await attestationsOf('acme/referred:2.0.0');
    expect(found.provenance).toEqual({
      predicateType: 'https://slsa.dev/provenance/v1',
      builderId: 'https://github.com/actions/runner/github-hosted',
      sourceRepository: 'https://github.com/acme/referred',
      revision: '7d3c1e0b2f9a8c6d5e4f3a2b1c0d9e8f7a6b5c4d',
      buildTime: Date.parse('2026-02-03T04:05:06Z'),
    });
    expect(found.sbom?.format).toBe('cyclonedx');
    expect(found.sbom?.packages).toEqual([
      { name: 'express', version: '4.18.2', purl: 'pkg:npm/express@4.18.2', ecosystem: 'npm' },
      { name: 'qs', version: '6.11.0', purl: 'pkg:npm/qs@6.11.0', ecosystem: 'npm' },
    ]);
    expect(found.tags).toEqual(['attestation', 'sbom']);
  });

  it('an image without attestations gives no provenance, no SBOM and no tags', async () => {
    await pushSubject(target(), 'acme/plain', ['1.0'], { format: 'oci', platforms: [AMD64] });
    const found = await attestationsOf('acme/plain:1.0');
    expect(found).toEqual({ tags: [] });
  });

  it('an unreadable in-toto layer is a SourceError that names the blob', async () => {
    const subject = await pushSubject(target(), 'acme/garbled', ['1.0'], {
      format: 'oci',
      platforms: [AMD64],
    });
    await attach('acme/garbled', subject, IN_TOTO, Buffer.from('<html>not a statement'));
    const error = await attestationsOf('acme/garbled:1.0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).source).toBe('attestations');
    expect((error as SourceError).message).toMatch(
      /acme\/garbled@sha256:[0-9a-f]{64} is unreadable: it is not JSON/,
    );
  });

  it('a repository the registry does not have is a SourceError, not a crash', async () => {
    await expect(attestationsOf('acme/missing:1.0')).rejects.toThrow(SourceError);
  });

  it('a malformed reference is a SourceError that names it', async () => {
    await expect(fetchAttestations(client(), { reference: 'UPPER/Case:x', platform: AMD64 })).rejects.toThrow(
      /skipped: Invalid image reference "UPPER\/Case:x"/,
    );
  });
});
