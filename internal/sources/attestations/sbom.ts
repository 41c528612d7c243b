// SBOM documents → packages. SPDX 2.3 JSON (spdx.github.io/spdx-spec/v2.3: `packages[]` with
// `name`, `versionInfo`, `externalRefs[]` of referenceType `purl`) and CycloneDX 1.5 JSON
// (cyclonedx.org/docs/1.5/json: `components[]` with `name`, `version`, `purl`, nested `components`).
import { isRecord } from '../../oci/manifest.js';
import { ecosystemOfPurl } from './purl.js';
import type { Sbom, SbomFormat, SbomPackage } from './types.js';

/** The format of an SBOM document, or null when it is neither SPDX nor CycloneDX. */
export function sbomFormatOf(document: unknown): SbomFormat | null {
  if (!isRecord(document)) return null;
  if (typeof document.spdxVersion === 'string') return 'spdx';
  if (document.bomFormat === 'CycloneDX') return 'cyclonedx';
  return null;
}

export function parseSbom(format: SbomFormat, document: unknown): Sbom {
  const body = isRecord(document) ? document : {};
  const raw = format === 'spdx' ? spdxPackages(body.packages) : cyclonedxComponents(body.components);
  return { format, packages: unique(raw) };
}

function spdxPackages(packages: unknown): SbomPackage[] {
  if (!Array.isArray(packages)) return [];
  return packages.filter(isRecord).flatMap((entry) => {
    if (typeof entry.name !== 'string') return [];
    const refs = Array.isArray(entry.externalRefs) ? entry.externalRefs.filter(isRecord) : [];
    const purlRef = refs.find((ref) => ref.referenceType === 'purl');
    return [toPackage(entry.name, entry.versionInfo, purlRef?.referenceLocator)];
  });
}

function cyclonedxComponents(components: unknown): SbomPackage[] {
  if (!Array.isArray(components)) return [];
  return components
    .filter(isRecord)
    .flatMap((component) => [
      ...(typeof component.name === 'string'
        ? [toPackage(component.name, component.version, component.purl)]
        : []),
      ...cyclonedxComponents(component.components),
    ]);
}

function toPackage(name: string, version: unknown, purl: unknown): SbomPackage {
  const purlText = typeof purl === 'string' && purl.startsWith('pkg:') ? purl : null;
  return {
    name,
    // SPDX writes NOASSERTION where it does not know.
    version: typeof version === 'string' && version !== '' && version !== 'NOASSERTION' ? version : null,
    purl: purlText,
    ecosystem: ecosystemOfPurl(purlText),
  };
}

function unique(packages: readonly SbomPackage[]): SbomPackage[] {
  const seen = new Map<string, SbomPackage>();
  for (const entry of packages) seen.set(entry.purl ?? `${entry.name}@${entry.version ?? ''}`, entry);
  return [...seen.values()];
}
