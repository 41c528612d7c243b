// The GitHub source: for an image whose source repository is on github.com, the release notes of
// every version between the running tag and the candidate, the repository's description, README
// and links. Inputs and outputs are described in docs/sources.md ("GitHub").
import { parseReference } from '../oci/reference.js';
import type { Link, ReleaseNote } from '../model/image.js';
import { isValid } from '../version/docker.js';
import { releaseTagOf, releaseTagsInRange } from './release-range.js';
import type { ReleaseRangeOptions } from './release-range.js';
import { parseRepositoryUrl } from './source-repository.js';
import type { SourceRepository } from './source-repository.js';
import { SourceError } from './types.js';
import type { Enrichment, SourceContext } from './types.js';
import { SOURCE } from './github/api.js';
import type { GithubApi } from './github/api.js';
import { fetchReadme } from './github/readme.js';
import { fetchReleasesSince } from './github/releases.js';
import type { GithubRelease } from './github/releases.js';
import { fetchRepository } from './github/repository.js';
import type { GithubRepository } from './github/repository.js';
import type { GithubToken } from './github/token.js';

export { resolveGithubToken, GithubToken, GithubTokenError } from './github/token.js';
export type { GithubTokenOrigin, TokenSources } from './github/token.js';
export type { GithubRepository } from './github/repository.js';

export interface GithubSourceInput {
  /** The image's source repository URL (the `oci` job's `source` output), e.g. https://github.com/o/r. */
  readonly sourceUrl: string | null;
  /** The normalized image reference; its last path segment names the component in monorepo tags. */
  readonly reference: string;
  /** The running tag and the chosen update; without both (or when either is not a version), no notes. */
  readonly currentTag: string | null;
  readonly candidateTag: string | null;
  /** From resolveGithubToken(); null sends anonymous requests (60 an hour). */
  readonly token: GithubToken | null;
  /** How long answers are reused before they are revalidated (default one hour). */
  readonly cacheTtlMs?: number;
}

/** The enrichment, plus what GitHub says about the repository that the Enrichment has no field for. */
export interface GithubResult extends Enrichment {
  readonly repository: GithubRepository;
}

const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;

/**
 * Release notes in (current, candidate], the README (or the repository description) as the
 * description, links, the `github` tag (and `license:<spdx>`), and release dates by release tag.
 * Throws SourceError: `skipped: …` when there is nothing to ask GitHub (no GitHub source URL, no
 * such repository), `failed: …` for a rate limit, an unreadable answer or a network failure.
 */
export async function githubEnrichment(ctx: SourceContext, input: GithubSourceInput): Promise<GithubResult> {
  const source = githubRepository(input.sourceUrl);
  const api: GithubApi = { ctx, token: input.token, cacheTtlMs: input.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS };
  const repository = await fetchRepository(api, source);
  const versions = versionRange(input);
  const range: ReleaseRangeOptions = { component: componentOf(input.reference) };
  const [readme, releases] = await Promise.all([
    fetchReadme(api, source),
    versions === null ? Promise.resolve([]) : fetchReleasesSince(api, source, versions.current, range),
  ]);
  const notes = versions === null ? [] : releaseNotes(releases, versions, range);
  return {
    repository,
    ...describe(readme, repository),
    links: [...repositoryLinks(repository), ...compareLink(repository, releases, versions, range)],
    releaseNotes: notes,
    tags: repository.license === null ? [SOURCE] : [SOURCE, `license:${repository.license}`],
    releaseDates: Object.fromEntries(
      notes.flatMap((note) => (note.publishedAt === null ? [] : [[note.version, note.publishedAt]])),
    ),
  };
}

/** The repository on github.com named by the source URL; a SourceError `skipped: …` otherwise. */
function githubRepository(sourceUrl: string | null): SourceRepository {
  if (sourceUrl === null) throw new SourceError(SOURCE, 'skipped: the image names no source repository');
  const repository = parseRepositoryUrl(sourceUrl);
  if (repository?.host !== 'github')
    throw new SourceError(SOURCE, `skipped: ${sourceUrl} is not on github.com`);
  return repository;
}

/** The README when there is one (richer than the one-line repository description). */
function describe(readme: string | null, repository: GithubRepository): Pick<Enrichment, 'description'> {
  if (readme !== null) return { description: { format: 'markdown', body: readme, source: SOURCE } };
  if (repository.description !== null) {
    return { description: { format: 'text', body: repository.description, source: SOURCE } };
  }
  return {};
}

interface VersionRange {
  readonly current: string;
  readonly candidate: string;
}

function versionRange({ currentTag, candidateTag }: GithubSourceInput): VersionRange | null {
  if (currentTag === null || candidateTag === null) return null;
  return isValid(currentTag) && isValid(candidateTag)
    ? { current: currentTag, candidate: candidateTag }
    : null;
}

function releaseNotes(
  releases: readonly GithubRelease[],
  versions: VersionRange,
  range: ReleaseRangeOptions,
): ReleaseNote[] {
  const byTag = new Map(releases.map((release) => [release.tagName, release]));
  const tags = releaseTagsInRange(versions.current, versions.candidate, [...byTag.keys()], range);
  return tags.flatMap((tag) => {
    const release = byTag.get(tag);
    if (release === undefined) return [];
    return [
      {
        version: tag,
        title: release.name ?? tag,
        body: release.body,
        publishedAt: release.publishedAt,
        url: release.htmlUrl,
      },
    ];
  });
}

function repositoryLinks(repository: GithubRepository): Link[] {
  const links: Link[] = [
    { type: 'source', url: repository.htmlUrl },
    { type: 'releases', url: `${repository.htmlUrl}/releases` },
  ];
  if (repository.hasIssues) links.push({ type: 'issues', url: `${repository.htmlUrl}/issues` });
  if (repository.homepage !== null) links.push({ type: 'homepage', url: repository.homepage });
  return links;
}

/** `…/compare/v1.2.0...v1.5.0` with the tag names the releases use, when both are found. */
function compareLink(
  repository: GithubRepository,
  releases: readonly GithubRelease[],
  versions: VersionRange | null,
  range: ReleaseRangeOptions,
): Link[] {
  if (versions === null) return [];
  const tags = releases.map((release) => release.tagName);
  const from = releaseTagOf(versions.current, tags, range);
  const to = releaseTagOf(versions.candidate, tags, range);
  if (from === null || to === null) return [];
  const url = `${repository.htmlUrl}/compare/${encodeURIComponent(from)}...${encodeURIComponent(to)}`;
  return [{ type: 'compare', url }];
}

/** `ghcr.io/org/app:1.2.0` → `app`. */
function componentOf(reference: string): string | undefined {
  try {
    return parseReference(reference).path.split('/').pop();
  } catch {
    // A reference the pipeline could not parse has no component: plain `v1.2.3` tags still match.
    return undefined;
  }
}
