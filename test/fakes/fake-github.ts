// A fake GitHub REST API (node:http on 127.0.0.1, random port) built from GitHub's documented
// answers: repository and release objects (docs.github.com/en/rest/repos/repos,
// /rest/releases/releases), `Link` pagination on `/repositories/{id}/releases?page=N` like GitHub
// sends, `x-ratelimit-*` headers on every answer, ETags with 304 for If-None-Match (a 304 does not
// spend the budget), 403/429 `API rate limit exceeded` when the budget is spent, 404
// `{"message":"Not Found",…}`, 401 `Bad credentials`, the README as raw markdown. A second origin records whether a
// redirect carried the Authorization header there. Tests that use it say "fake GitHub".
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalHttpServer } from '../../internal/http/testing/local-http-server.js';
import type { LocalHttpServer } from '../../internal/http/testing/local-http-server.js';

export interface FakeRelease {
  readonly tag: string;
  readonly name?: string;
  readonly body?: string;
  /** ISO 8601, as GitHub sends it. */
  readonly publishedAt?: string;
  readonly draft?: boolean;
}

export interface FakeRepository {
  readonly owner: string;
  readonly name: string;
  readonly description?: string | null;
  readonly homepage?: string | null;
  readonly topics?: readonly string[];
  readonly spdx?: string | null;
  readonly readme?: string;
  /** Newest first, as GitHub lists them. */
  readonly releases: readonly FakeRelease[];
}

export interface RecordedGithubRequest {
  readonly path: string;
  readonly status: number;
  readonly authorization: string | undefined;
  readonly accept: string | undefined;
}

export interface FakeGithub {
  /** http://127.0.0.1:PORT: the `github` endpoint. */
  readonly url: string;
  readonly requests: RecordedGithubRequest[];
  /** Requests that reached the other origin after a redirect. */
  readonly otherOriginRequests: RecordedGithubRequest[];
  /** Releases per page at most (GitHub: 100). */
  maxPerPage: number;
  /** The budget: every answer but a 304 spends one; at 0 GitHub answers `rateLimitStatus`. */
  rateLimit: { limit: number; remaining: number; resetEpochSeconds: number };
  rateLimitStatus: 403 | 429;
  /** Paths (without query) answered 200 with this body instead (garbage, or JSON of another shape). */
  readonly bodies: Map<string, string>;
  /** Answer 401 `Bad credentials` to every request that carries a token. */
  rejectTokens: boolean;
  /** Point the releases' Link header at the other origin (which serves the same pages). */
  pageLinksElsewhere: boolean;
  /** Paths answered with a 302 to the same path on the other origin. */
  readonly redirectElsewhere: Set<string>;
  stop(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

export async function startFakeGithub(repositories: readonly FakeRepository[]): Promise<FakeGithub> {
  const requests: RecordedGithubRequest[] = [];
  const otherOriginRequests: RecordedGithubRequest[] = [];
  const byPath = new Map(
    repositories.map((repo, index) => [`${repo.owner}/${repo.name}`, { repo, id: 1000 + index }]),
  );
  const byId = new Map([...byPath.values()].map((entry) => [entry.id, entry]));

  const other: LocalHttpServer = await startLocalHttpServer((req, res) => {
    otherOriginRequests.push(record(req, 200));
    const found = route(new URL(req.url ?? '/', other.origin));
    send(res, req, found ?? { status: 404, body: notFound() });
  });

  const fake: FakeGithub = {
    url: '',
    requests,
    otherOriginRequests,
    maxPerPage: 100,
    rateLimit: { limit: 60, remaining: 60, resetEpochSeconds: Math.floor(Date.now() / 1000) + 3600 },
    rateLimitStatus: 403,
    bodies: new Map(),
    rejectTokens: false,
    pageLinksElsewhere: false,
    redirectElsewhere: new Set(),
    stop: async () => {
      await Promise.all([server.close(), other.close()]);
    },
  };

  interface Answer {
    readonly status: number;
    readonly body: string;
    readonly headers?: Record<string, string>;
  }

  function route(url: URL): Answer | null {
    const repoPath = /^\/repos\/([^/]+)\/([^/]+)(\/readme|\/releases)?$/.exec(url.pathname);
    const idPath = /^\/repositories\/(\d+)\/releases$/.exec(url.pathname);
    const entry = repoPath
      ? byPath.get(`${repoPath[1]}/${repoPath[2]}`)
      : idPath
        ? byId.get(Number(idPath[1]))
        : undefined;
    if (entry === undefined) return null;
    const { repo, id } = entry;
    const html = `https://github.com/${repo.owner}/${repo.name}`;
    if (idPath || repoPath?.[3] === '/releases') return releasesPage(url, repo, id, html);
    if (repoPath?.[3] === '/readme') {
      if (repo.readme === undefined) return null;
      return {
        status: 200,
        body: repo.readme,
        headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
      };
    }
    return { status: 200, body: JSON.stringify(repositoryObject(repo, id, html)) };
  }

  function releasesPage(url: URL, repo: FakeRepository, id: number, html: string): Answer {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), fake.maxPerPage);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(repo.releases.length / perPage));
    const items = repo.releases.slice((page - 1) * perPage, page * perPage).map((release, index) => ({
      url: `${fake.url}/repos/${repo.owner}/${repo.name}/releases/${index}`,
      html_url: `${html}/releases/tag/${release.tag}`,
      id: index,
      tag_name: release.tag,
      target_commitish: 'main',
      name: release.name ?? release.tag,
      draft: release.draft ?? false,
      prerelease: false,
      created_at: release.publishedAt ?? null,
      published_at: release.draft ? null : (release.publishedAt ?? null),
      body: release.body ?? null,
    }));
    // GitHub's Link points at /repositories/{id}/releases, absolute, with first/prev/next/last.
    const origin = fake.pageLinksElsewhere ? other.origin : fake.url;
    const pageUrl = (n: number): string =>
      `${origin}/repositories/${id}/releases?per_page=${perPage}&page=${n}`;
    const rels: string[] = [];
    if (page > 1) rels.push(`<${pageUrl(page - 1)}>; rel="prev"`, `<${pageUrl(1)}>; rel="first"`);
    if (page < last) rels.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
    return {
      status: 200,
      body: JSON.stringify(items),
      headers: rels.length ? { link: rels.join(', ') } : {},
    };
  }

  const server = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const budget = fake.rateLimit;
    const rateHeaders = (): Record<string, string> => ({
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': String(budget.remaining),
      'x-ratelimit-reset': String(budget.resetEpochSeconds),
      'x-ratelimit-used': String(budget.limit - budget.remaining),
      'x-ratelimit-resource': 'core',
    });
    if (budget.remaining <= 0) {
      requests.push(record(req, fake.rateLimitStatus));
      const message = `API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
      return send(res, req, {
        status: fake.rateLimitStatus,
        body: JSON.stringify({ message, documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` }),
        headers: rateHeaders(),
      });
    }
    let answer: Answer | null;
    const body = fake.bodies.get(url.pathname);
    if (fake.rejectTokens && req.headers.authorization !== undefined) {
      answer = {
        status: 401,
        body: JSON.stringify({ message: 'Bad credentials', documentation_url: DOCS, status: '401' }),
      };
    } else if (fake.redirectElsewhere.has(url.pathname)) {
      answer = { status: 302, body: '', headers: { location: other.origin + (req.url ?? '/') } };
    } else if (body !== undefined) {
      answer = { status: 200, body };
    } else {
      answer = route(new URL(req.url ?? '/', fake.url));
    }
    const final = answer ?? { status: 404, body: notFound() };
    const etag = `W/"${createHash('sha256').update(final.body).digest('hex').slice(0, 32)}"`;
    if (final.status === 200 && req.headers['if-none-match'] === etag) {
      // "Making a conditional request does not count against your primary rate limit if a 304
      // response is returned and the request was made while correctly authorized"
      // (docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
      if (req.headers.authorization === undefined) budget.remaining--;
      requests.push(record(req, 304));
      return send(res, req, { status: 304, body: '', headers: { etag, ...rateHeaders() } });
    }
    budget.remaining--;
    requests.push(record(req, final.status));
    send(res, req, { ...final, headers: { etag, ...rateHeaders(), ...final.headers } });
  });
  (fake as { url: string }).url = server.origin;
  return fake;
}

function repositoryObject(repo: FakeRepository, id: number, html: string): object {
  return {
    id,
    node_id: `R_${id}`,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: false,
    owner: { login: repo.owner, id: 1, type: 'Organization' },
    html_url: html,
    description: repo.description ?? null,
    fork: false,
    homepage: repo.homepage ?? null,
    topics: repo.topics ?? [],
    license:
      repo.spdx === undefined || repo.spdx === null
        ? null
        : { key: repo.spdx.toLowerCase(), name: repo.spdx, spdx_id: repo.spdx, url: null, node_id: 'L_1' },
    default_branch: 'main',
    has_issues: true,
    archived: false,
  };
}

function notFound(): string {
  return JSON.stringify({
    message: 'Not Found',
    documentation_url: `${DOCS}/repos/repos#get-a-repository`,
    status: '404',
  });
}

function record(req: IncomingMessage, status: number): RecordedGithubRequest {
  return {
    path: req.url ?? '/',
    status,
    authorization: req.headers.authorization,
    accept: req.headers.accept,
  };
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  answer: { status: number; body: string; headers?: Record<string, string> },
): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}
