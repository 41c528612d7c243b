import { describe, expect, it } from 'vitest';
import { parseSbom, sbomFormatOf } from './sbom.js';

describe('SBOM parsing', () => {
  it('knows SPDX and CycloneDX documents and nothing else', () => {
    expect(sbomFormatOf({ spdxVersion: 'SPDX-2.3' })).toBe('spdx');
    expect(sbomFormatOf({ bomFormat: 'CycloneDX', specVersion: '1.5' })).toBe('cyclonedx');
    expect(sbomFormatOf({ bomFormat: 'other' })).toBeNull();
    expect(sbomFormatOf([])).toBeNull();
  });

  it('derives the OSV ecosystem from the purl type and de-duplicates by purl', () => {
    const sbom = parseSbom('cyclonedx', {
      components: [
        { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0' },
        { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0' },
        { name: 'musl', version: '1.2.4', purl: 'pkg:apk/alpine/musl@1.2.4?arch=x86_64' },
        { name: 'odd', version: '1', purl: 'pkg:unknowntype/odd@1' },
        { name: 'nopurl', version: '1', purl: 'http://not-a-purl' },
        { version: 'nameless' },
      ],
    });
    expect(sbom.packages.map((p) => [p.name, p.ecosystem, p.purl])).toEqual([
      ['requests', 'PyPI', 'pkg:pypi/requests@2.31.0'],
      ['musl', 'Alpine', 'pkg:apk/alpine/musl@1.2.4?arch=x86_64'],
      ['odd', null, 'pkg:unknowntype/odd@1'],
      ['nopurl', null, null],
    ]);
  });

  it('an SPDX document without packages gives none', () => {
    expect(parseSbom('spdx', { spdxVersion: 'SPDX-2.3' })).toEqual({ format: 'spdx', packages: [] });
  });
});
