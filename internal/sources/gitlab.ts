// GitLab's REST API (https://docs.gitlab.com/api/projects/, https://docs.gitlab.com/api/releases/):
// the project's description, topics and license, and the release notes of every version after the
// running one up to the candidate. The base URL is `endpoints.gitlab`, so self-hosted GitLab works.
import {
  count,
  date,
  getSourceJson,
  isObject,
  malformed,
  objectBody,
  sameOriginUrl,
  text,
  type SourceRequest,
} from './source-json.js';
import { reachesVersion, releaseTagsInRange } from './release-range.js';
import type { SourceRepository } from './source-repository.js';
import { SourceError, type Enrichment, type Link, type ReleaseNote, type SourceContext } from './types.js';

const SOURCE = 'gitlab';
const PROJECT_TTL_MS = 60 * 60 * 1000;
const RELEASES_TTL_MS = 15 * 60 * 1000;
const PAGE_SIZE = 100;
const MAX_RELEASE_PAGES = 10;

/** A personal/project access token (`PRIVATE-TOKEN` header) or an OAuth token (`Authorization: Bearer`). */
export type GitLabAuth = { readonly privateToken: string } | { readonly bearer: string };

export interface GitLabInput {
  /** From source-repository.ts; must be classified `gitlab`. */
  readonly repository: SourceRepository;
  /** The running image's tag, e.g. `1.4.2` or `1.4.2-alpine`. */
  readonly currentTag: string;
  /** The tag the update would move to. */
  readonly candidateTag: string;
  /** Sent to `endpoints.gitlab` only. */
  readonly auth?: GitLabAuth;
  /** The image name's last segment, for monorepo release tags (`app-v1.2.3`, `app@1.2.3`). */
  readonly component?: string;
}

export interface GitLabResult extends Enrichment {
  readonly project: {
    readonly id: number;
    readonly webUrl: string | null;
    readonly topics: readonly string[];
    /** The license's name, when GitLab detected one. */
    readonly license: string | null;
  };
}

/** Throws SourceError: `skipped:` for a repository not on GitLab or unknown there, `failed:` otherwise. */
export async function gitlabEnrichment(ctx: SourceContext, input: GitLabInput): Promise<GitLabResult> {
  const { repository } = input;
  const path = `${repository.owner}/${repository.repo}`;
  if (repository.host !== 'gitlab') {
    throw new SourceError(SOURCE, `skipped: ${repository.url} is not on GitLab`);
  }
  const api = `${ctx.endpoints.gitlab.replace(/\/+$/, '')}/api/v4`;
  const headers = authHeaders(input.auth);
  const request = (what: string, url: URL, ttlMs: number): SourceRequest => ({
    source: SOURCE,
    what,
    url,
    ttlMs,
    ...(headers === undefined ? {} : { headers }),
  });

  const projectReq = request(
    `GitLab project ${path}`,
    new URL(`${api}/projects/${encodeURIComponent(path)}?license=true`),
    PROJECT_TTL_MS,
  );
  const {
    value: { project, id },
  } = await getSourceJson(ctx, projectReq, (json) => {
    const body = objectBody(json, projectReq);
    const projectId = count(body, 'id');
    if (projectId === null) throw malformed(projectReq, 'no numeric "id"');
    return { project: body, id: projectId };
  });
  const webUrl = text(project, 'web_url') ?? null;
  const description = text(project, 'description');
  const license = isObject(project['license']) ? (text(project['license'], 'name') ?? null) : null;
  const licenseUrl = isObject(project['license']) ? text(project['license'], 'html_url') : undefined;
  const topics = Array.isArray(project['topics'])
    ? project['topics'].filter((topic): topic is string => typeof topic === 'string')
    : [];

  const first = new URL(`${api}/projects/${id}/releases?per_page=${PAGE_SIZE}`);
  const releaseNotes = await releasesBetween(ctx, input, first, (url) =>
    request(`GitLab releases of ${path}`, url, RELEASES_TTL_MS),
  );
  const links: Link[] = [
    ...(webUrl === null ? [] : [{ type: 'source', url: webUrl }]),
    ...(licenseUrl === undefined ? [] : [{ type: 'license', url: licenseUrl }]),
  ];
  return {
    ...(description === undefined
      ? {}
      : { description: { format: 'markdown', body: description, source: SOURCE } }),
    ...(links.length === 0 ? {} : { links }),
    releaseNotes,
    tags: ['gitlab'],
    project: { id, webUrl, topics, license },
  };
}

function authHeaders(auth: GitLabAuth | undefined): Record<string, string> | undefined {
  if (auth === undefined) return undefined;
  return 'privateToken' in auth
    ? { 'private-token': auth.privateToken }
    : { authorization: `Bearer ${auth.bearer}` };
}

/**
 * Releases newer than the current tag and not newer than the candidate, newest version first
 * (which tags count is release-range.ts's rule, shared with GitHub). GitLab lists releases by
 * `released_at`, newest first, so once a page reaches the running version the next pages hold only
 * older releases and are not fetched.
 */
async function releasesBetween(
  ctx: SourceContext,
  input: GitLabInput,
  first: URL,
  pageRequest: (url: URL) => SourceRequest,
): Promise<ReleaseNote[]> {
  const range = input.component === undefined ? {} : { component: input.component };
  // `reachesVersion(tag, [])` is true only for a tag that is not a version (`latest`): no range, no request.
  if (reachesVersion(input.currentTag, [], range) || reachesVersion(input.candidateTag, [], range)) return [];
  const byTag = new Map<string, ReleaseNote>();
  let url: URL | null = first;
  for (let page = 0; url !== null && page < MAX_RELEASE_PAGES; page++) {
    const req = pageRequest(url);
    const answer = await getSourceJson(ctx, req, (json) => {
      if (!Array.isArray(json)) throw malformed(req, 'expected a list of releases');
      return json as readonly unknown[];
    });
    const pageTags: string[] = [];
    for (const release of answer.value) {
      const tag = isObject(release) ? text(release, 'tag_name') : undefined;
      if (!isObject(release) || tag === undefined) continue;
      pageTags.push(tag);
      // An upcoming release is announced, not published (https://docs.gitlab.com/api/releases/#upcoming-releases).
      if (release['upcoming_release'] === true) continue;
      const links = isObject(release['_links']) ? release['_links'] : {};
      byTag.set(tag, {
        version: tag,
        title: text(release, 'name') ?? tag,
        body: typeof release['description'] === 'string' ? release['description'] : '',
        publishedAt: date(release, 'released_at') ?? date(release, 'created_at'),
        url: text(links, 'self') ?? null,
      });
    }
    if (reachesVersion(input.currentTag, pageTags, range)) break;
    url = nextPage(answer.headers, url);
  }
  return releaseTagsInRange(input.currentTag, input.candidateTag, [...byTag.keys()], range).flatMap(
    (tag) => byTag.get(tag) ?? [],
  );
}

/**
 * The next page: the `Link: <…>; rel="next"` header (keyset pagination, and offset pagination on
 * recent GitLab), else `X-Next-Page` (empty on the last page)
 * (https://docs.gitlab.com/api/rest/#pagination).
 */
function nextPage(headers: Readonly<Record<string, string>>, current: URL): URL | null {
  const linked = /<([^>]+)>\s*;\s*rel="?next"?/.exec(headers['link'] ?? '')?.[1];
  if (linked !== undefined) return sameOriginUrl(linked, current);
  const page = headers['x-next-page']?.trim();
  if (page === undefined || !/^\d+$/.test(page)) return null;
  const url = new URL(current);
  url.searchParams.set('page', page);
  return url;
}
