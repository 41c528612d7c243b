// A fake GitLab REST API (https://docs.gitlab.com/api/projects/, https://docs.gitlab.com/api/releases/)
// for the GitLab source: `GET /api/v4/projects/<url-encoded path or id>[?license=true]` and
// `GET /api/v4/projects/<id>/releases?per_page=&page=`, newest `released_at` first, with GitLab's
// offset-pagination headers (`X-Page`, `X-Next-Page` (empty on the last page), `X-Total-Pages`,
// and `Link` when `linkHeader` is on). Rate limits answer with `RateLimit-Limit`,
// `RateLimit-Remaining: 0`, `RateLimit-Reset` (epoch seconds) and `Retry-After`
// (https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/). Tests say "fake GitLab".
import { startFakeJsonApi, type FakeJsonApi } from './fake-json-api.js';

export interface FakeGitLabRelease {
  readonly tag_name: string;
  readonly name: string;
  readonly description: string;
  /** ISO 8601 */
  readonly released_at: string;
  readonly upcoming_release?: boolean;
}

export interface FakeGitLabProject {
  readonly id: number;
  /** `group/subgroup/project` */
  readonly path_with_namespace: string;
  readonly description: string | null;
  readonly topics: readonly string[];
  readonly license: { readonly key: string; readonly name: string; readonly html_url: string } | null;
  readonly releases: readonly FakeGitLabRelease[];
}

export interface FakeGitLab extends FakeJsonApi {
  readonly projects: Map<string, FakeGitLabProject>;
  /** Send `Link: <…>; rel="next"` besides `X-Next-Page`. */
  linkHeader: boolean;
  rateLimitStatus: 403 | 429;
  /** Epoch seconds sent as `RateLimit-Reset` while rate-limited. */
  rateLimitResetAt: number;
}

export async function startFakeGitLab(): Promise<FakeGitLab> {
  const projects = new Map<string, FakeGitLabProject>();
  const find = (idOrPath: string): FakeGitLabProject | undefined =>
    [...projects.values()].find((p) => String(p.id) === idOrPath || p.path_with_namespace === idOrPath);
  const api = await startFakeJsonApi(
    (url) => {
      // The path stays percent-encoded (`group%2Fproject`), as GitLab requires.
      const match = /^\/api\/v4\/projects\/([^/]+)(\/releases)?$/.exec(url.pathname);
      const project = match?.[1] === undefined ? undefined : find(decodeURIComponent(match[1]));
      if (match === null || project === undefined) return undefined;
      const webUrl = `${gitlab.origin}/${project.path_with_namespace}`;
      if (match[2] === undefined) {
        const { releases: _releases, license, ...fields } = project;
        return {
          body: {
            ...fields,
            name: project.path_with_namespace.split('/').at(-1),
            web_url: webUrl,
            tag_list: project.topics,
            ...(url.searchParams.get('license') === 'true' ? { license } : {}),
          },
        };
      }
      return releasesPage(url, project, webUrl);
    },
    () => ({
      status: gitlab.rateLimitStatus,
      headers: {
        'ratelimit-limit': '600',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(gitlab.rateLimitResetAt),
        'retry-after': String(Math.max(0, gitlab.rateLimitResetAt - Math.floor(Date.now() / 1000))),
      },
      body: { message: 'Retry later' },
    }),
    { message: '404 Project Not Found' },
  );

  function releasesPage(url: URL, project: FakeGitLabProject, webUrl: string) {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 20), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const totalPages = Math.max(1, Math.ceil(project.releases.length / perPage));
    const next = page < totalPages ? String(page + 1) : '';
    const nextUrl = new URL(`${url.pathname}${url.search}`, gitlab.origin);
    nextUrl.searchParams.set('page', next);
    const body = project.releases.slice((page - 1) * perPage, page * perPage).map((release) => ({
      upcoming_release: false,
      ...release,
      created_at: release.released_at,
      author: { id: 1, username: 'root', name: 'Administrator' },
      _links: { self: `${webUrl}/-/releases/${encodeURIComponent(release.tag_name)}` },
    }));
    return {
      body,
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(project.releases.length),
        'x-total-pages': String(totalPages),
        'x-next-page': next,
        ...(gitlab.linkHeader && next !== '' ? { link: `<${nextUrl.href}>; rel="next"` } : {}),
      },
    };
  }

  const gitlab: FakeGitLab = Object.assign(api, {
    projects,
    linkHeader: false,
    rateLimitStatus: 429 as 403 | 429,
    rateLimitResetAt: 0,
  });
  return gitlab;
}
