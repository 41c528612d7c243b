// The repository itself: `GET /repos/{owner}/{repo}`
// (docs.github.com/en/rest/repos/repos#get-a-repository). A renamed repository answers 301 to
// `/repositories/{id}` on the same origin, which the HTTP client follows.
import { isObject, text } from '../source-json.js';
import type { SourceRepository } from '../source-repository.js';
import { SourceError } from '../types.js';
import { apiUrl, githubGet, githubJson, SOURCE } from './api.js';
import type { GithubApi } from './api.js';

export interface GithubRepository {
  readonly fullName: string;
  /** The repository page, e.g. https://github.com/owner/repo. */
  readonly htmlUrl: string;
  readonly description: string | null;
  readonly homepage: string | null;
  readonly topics: readonly string[];
  /** SPDX identifier (`MIT`), null when GitHub could not tell (`NOASSERTION`) or there is no license. */
  readonly license: string | null;
  readonly defaultBranch: string;
  readonly hasIssues: boolean;
}

export function repositoryPath(name: SourceRepository): string {
  return `/repos/${encodeURIComponent(name.owner)}/${encodeURIComponent(name.repo)}`;
}

/** The repository; a SourceError "skipped: no such GitHub repository o/r" when GitHub answers 404. */
export async function fetchRepository(api: GithubApi, name: SourceRepository): Promise<GithubRepository> {
  const response = await githubGet(api, apiUrl(api, repositoryPath(name)), 'json');
  if (response === null) {
    throw new SourceError(
      SOURCE,
      `skipped: no such GitHub repository ${name.owner}/${name.repo} (private, renamed away or deleted); ` +
        "check the image's org.opencontainers.image.source label, or add a token that can read it",
    );
  }
  return githubJson(response, 'a repository', readRepository);
}

function readRepository(body: unknown): GithubRepository | null {
  if (!isObject(body)) return null;
  const fullName = text(body, 'full_name');
  const htmlUrl = text(body, 'html_url');
  if (fullName === undefined || htmlUrl === undefined) return null;
  const spdx = isObject(body['license']) ? text(body['license'], 'spdx_id') : undefined;
  const topics = body['topics'];
  return {
    fullName,
    htmlUrl,
    description: text(body, 'description') ?? null,
    homepage: text(body, 'homepage') ?? null,
    topics: Array.isArray(topics) ? topics.filter((topic): topic is string => typeof topic === 'string') : [],
    // GitHub says NOASSERTION when it found a license file it could not identify.
    license: spdx === undefined || spdx === 'NOASSERTION' ? null : spdx,
    defaultBranch: text(body, 'default_branch') ?? 'main',
    hasIssues: body['has_issues'] !== false,
  };
}
