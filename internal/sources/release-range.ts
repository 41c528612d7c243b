// Which releases of a forge (GitHub, GitLab) lie between the running image tag and the candidate:
// the notes the user reads before updating. Image tags and release tags are spelled differently
// for the same version, so both are brought to a bare version first and compared with the docker
// versioning of internal/version:
// - `v1.2.4` (release) names the same version as `1.2.4` (image): docker versioning ignores `v`.
// - An image tag's suffix is its flavour (`1.25.3-alpine`, `8.0-bookworm`): the release is `v1.25.3`.
// - A release tag's suffix is a semver prerelease (`v1.5.0-rc.1`): docker versioning orders a tag
//   with a suffix before the same version without one, which is the semver order too.
// - Monorepos prefix tags with the component (`app-v1.2.3`, `app@1.2.3`, `app_1.2.3`): Renovate
//   matches release notes with `${packageName}[@_-]v?${version}` (renovatebot/renovate
//   lib/workers/repository/update/pr/changelog/release-notes.ts, getExactReleaseMatch). Such a tag
//   is only read as a version of the component it names, so two components never mix.
import { compare, isStable, isValid } from '../version/docker.js';

export interface ReleaseRangeOptions {
  /** The component a monorepo prefixes its tags with (the image name's last segment). */
  readonly component?: string;
}

/**
 * The release tags in (current, candidate], newest first, as spelled in `releaseTags`. Prereleases
 * are left out unless the candidate is itself a prerelease: the final release's notes cover them.
 * Two tags naming one version (`1.2.4` and `v1.2.4`) give the first one listed. Empty when either
 * image tag is not a version (`latest`).
 */
export function releaseTagsInRange(
  current: string,
  candidate: string,
  releaseTags: readonly string[],
  options: ReleaseRangeOptions = {},
): string[] {
  const from = imageVersion(current);
  const to = imageVersion(candidate);
  if (from === null || to === null) return [];
  const withPrereleases = !isStable(to);
  const picked: { tag: string; version: string }[] = [];
  for (const tag of releaseTags) {
    const version = releaseVersion(tag, options.component);
    if (version === null || (!withPrereleases && !isStableRelease(version))) continue;
    if (compare(version, from) <= 0 || compare(version, to) > 0) continue;
    if (!picked.some((other) => compare(other.version, version) === 0)) picked.push({ tag, version });
  }
  return picked.sort((a, b) => compare(b.version, a.version)).map(({ tag }) => tag);
}

/** The release tag that names the same version as `imageTag` (`v1.2.0` for `1.2.0-alpine`), or null. */
export function releaseTagOf(
  imageTag: string,
  releaseTags: readonly string[],
  options: ReleaseRangeOptions = {},
): string | null {
  const version = imageVersion(imageTag);
  if (version === null) return null;
  return (
    releaseTags.find((tag) => {
      const release = releaseVersion(tag, options.component);
      return release !== null && compare(release, version) === 0;
    }) ?? null
  );
}

/**
 * Whether some release tag names `imageTag`'s version or an older one: a list of releases sorted
 * newest first has then gone past the running version, and older pages are not needed.
 */
export function reachesVersion(
  imageTag: string,
  releaseTags: readonly string[],
  options: ReleaseRangeOptions = {},
): boolean {
  const version = imageVersion(imageTag);
  if (version === null) return true;
  return releaseTags.some((tag) => {
    const release = releaseVersion(tag, options.component);
    return release !== null && compare(release, version) <= 0;
  });
}

/** `1.25.3-alpine` → `1.25.3`: docker versioning puts everything after the first `-` in the suffix. */
function imageVersion(tag: string): string | null {
  const dash = tag.indexOf('-');
  const version = dash === -1 ? tag : tag.slice(0, dash);
  return isValid(version) ? version : null;
}

/** `v1.2.3`, `app-v1.2.3`, `app@1.2.3` → the version part, or null for any other tag. */
function releaseVersion(tag: string, component: string | undefined): string | null {
  const candidates = [tag];
  if (component !== undefined && component !== '') {
    for (const separator of ['@', '_', '-']) {
      const prefix = component + separator;
      if (tag.startsWith(prefix)) candidates.push(tag.slice(prefix.length));
    }
  }
  return candidates.find(isValid) ?? null;
}

function isStableRelease(version: string): boolean {
  return isStable(version) && !version.includes('-');
}
