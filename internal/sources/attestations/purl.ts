// Package URL type → OSV ecosystem name. Purl types: github.com/package-url/purl-spec
// PURL-TYPES.rst; OSV ecosystem names: ossf.github.io/osv-schema/#affectedpackage-field.
const ECOSYSTEM_BY_PURL_TYPE: Readonly<Record<string, string>> = {
  apk: 'Alpine',
  cargo: 'crates.io',
  composer: 'Packagist',
  deb: 'Debian',
  gem: 'RubyGems',
  golang: 'Go',
  hex: 'Hex',
  maven: 'Maven',
  npm: 'npm',
  nuget: 'NuGet',
  pub: 'Pub',
  pypi: 'PyPI',
  rpm: 'Red Hat',
  swift: 'SwiftURL',
};

/** `pkg:npm/%40scope/x@1.0.0` → `npm`; null when it is no purl. */
export function purlType(purl: string): string | null {
  return /^pkg:\/*([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl)?.[1]?.toLowerCase() ?? null;
}

export function ecosystemOfPurl(purl: string | null): string | null {
  const type = purl === null ? null : purlType(purl);
  return type === null ? null : (ECOSYSTEM_BY_PURL_TYPE[type] ?? null);
}

/** A purl that carries a version (`…@1.2.3`): OSV answers an unversioned one with every vulnerability. */
export function isVersionedPurl(purl: string): boolean {
  return /^pkg:[^@?#]+@[^?#]+/.test(purl);
}
