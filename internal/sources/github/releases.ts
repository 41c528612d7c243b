// The repository's releases, newest first: `GET /repos/{owner}/{repo}/releases?per_page=100`,
// following `Link: <…>; rel="next"` (docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api)
// only until the running version is passed, so a re-check of a busy repository costs one or two
// requests. Tags that have no release (only a git tag) are not listed by this endpoint and get no
// notes: fetching every tag's commit messages would cost a request per tag.
import { reachesVersion } from '../release-range.js';
import type { ReleaseRangeOptions } from '../release-range.js';
import { date, isObject, sameOriginUrl, text } from '../source-json.js';
import type { SourceRepository } from '../source-repository.js';
import { apiUrl, githubGet, githubJson } from './api.js';
import type { GithubApi } from './api.js';
import { repositoryPath } from './repository.js';

export interface GithubRelease {
  readonly tagName: string;
  /** The release title; GitHub leaves it empty when the author did. */
  readonly name: string | null;
  /** Markdown as received. */
  readonly body: string;
  /** Epoch ms; null for a draft. */
  readonly publishedAt: number | null;
  readonly htmlUrl: string;
}

/** 100 per page (GitHub's maximum) × 10 pages: a thousand releases back is far enough. */
const MAX_RELEASE_PAGES = 10;

/**
 * Releases, newest first, down to the first page that reaches `currentTag`'s version (or the last
 * page, or MAX_RELEASE_PAGES). Drafts are left out. An empty list when the repository is gone.
 */
export async function fetchReleasesSince(
  api: GithubApi,
  name: SourceRepository,
  currentTag: string,
  range: ReleaseRangeOptions,
): Promise<GithubRelease[]> {
  const releases: GithubRelease[] = [];
  let url: URL | null = apiUrl(api, `${repositoryPath(name)}/releases?per_page=100`);
  for (let page = 1; url !== null && page <= MAX_RELEASE_PAGES; page++) {
    const response = await githubGet(api, url, 'json');
    if (response === null) break;
    const onPage = githubJson(response, 'a list of releases', readReleases);
    releases.push(...onPage);
    const tags = onPage.map((release) => release.tagName);
    url = reachesVersion(currentTag, tags, range) ? null : nextPage(response.headers['link'], url);
  }
  return releases;
}

/**
 * The `rel="next"` target of a Link header (`<…>; rel="next", <…>; rel="last"`), only on the API's
 * own origin: the token must not follow a page link elsewhere, so paging stops there instead.
 */
function nextPage(link: string | undefined, current: URL): URL | null {
  const next = link
    ?.split(',')
    .map((part) => /<([^>]*)>\s*;\s*rel="?([^";]*)"?/.exec(part.trim()))
    .find((match) => match?.[2]?.split(' ').includes('next'))?.[1];
  return sameOriginUrl(next, current);
}

function readReleases(body: unknown): GithubRelease[] | null {
  if (!Array.isArray(body)) return null;
  const releases: GithubRelease[] = [];
  for (const item of body) {
    if (!isObject(item)) return null;
    const tagName = text(item, 'tag_name');
    const htmlUrl = text(item, 'html_url');
    if (tagName === undefined || htmlUrl === undefined) return null;
    if (item['draft'] === true) continue;
    const body = item['body'];
    releases.push({
      tagName,
      name: text(item, 'name') ?? null,
      body: typeof body === 'string' ? body : '',
      publishedAt: date(item, 'published_at'),
      htmlUrl,
    });
  }
  return releases;
}
