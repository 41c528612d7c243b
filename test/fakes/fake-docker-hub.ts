// A fake Docker Hub API (https://docs.docker.com/reference/api/hub/latest/) for the Docker Hub
// source: `GET /v2/repositories/<ns>/<repo>/` and `GET /v2/repositories/<ns>/<repo>/tags`
// paginated with `page_size`/`page` and an absolute `next` URL, as hub.docker.com answers. Rate
// limits answer 429 with `x-ratelimit-*` headers (reset in epoch seconds). Tests say "fake Docker Hub".
import { startFakeJsonApi, type FakeJsonApi } from './fake-json-api.js';

export interface FakeHubTag {
  readonly name: string;
  /** ISO 8601 */
  readonly tag_last_pushed: string;
}

export interface FakeHubRepository {
  readonly description: string;
  readonly full_description: string | null;
  readonly star_count: number;
  readonly pull_count: number;
  readonly last_updated: string;
  /** Newest first, as Docker Hub lists them. */
  readonly tags: readonly FakeHubTag[];
}

export interface FakeDockerHub extends FakeJsonApi {
  /** Keyed by `<namespace>/<repo>` (`library/nginx`). */
  readonly repositories: Map<string, FakeHubRepository>;
  /** Docker Hub caps `page_size` at 100; tests lower it to see pagination. */
  maxPageSize: number;
  /** Epoch seconds sent as `x-ratelimit-reset` while rate-limited. */
  rateLimitResetAt: number;
}

export async function startFakeDockerHub(): Promise<FakeDockerHub> {
  const repositories = new Map<string, FakeHubRepository>();
  const api = await startFakeJsonApi(
    (url) => {
      const match = /^\/v2\/repositories\/([^/]+\/[^/]+)\/(tags)?\/?$/.exec(url.pathname);
      const repository = match?.[1] === undefined ? undefined : repositories.get(match[1]);
      if (match === null || match[1] === undefined || repository === undefined) return undefined;
      const [namespace, name] = match[1].split('/');
      if (match[2] === undefined) {
        const { tags: _tags, ...fields } = repository;
        return {
          body: {
            user: namespace,
            name,
            namespace,
            repository_type: 'image',
            status: 1,
            is_private: false,
            ...fields,
          },
        };
      }
      const size = Math.min(Number(url.searchParams.get('page_size') ?? 10), hub.maxPageSize);
      const page = Number(url.searchParams.get('page') ?? 1);
      const results = repository.tags.slice((page - 1) * size, page * size);
      const hasNext = page * size < repository.tags.length;
      const next = new URL(`${url.pathname}${url.search}`, hub.origin);
      next.searchParams.set('page', String(page + 1));
      return {
        body: {
          count: repository.tags.length,
          next: hasNext ? next.href : null,
          previous: null,
          results: results.map((tag) => ({
            ...tag,
            last_updated: tag.tag_last_pushed,
            tag_status: 'active',
          })),
        },
      };
    },
    () => ({
      status: 429,
      headers: {
        'x-ratelimit-limit': '180',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(hub.rateLimitResetAt),
      },
      body: { message: 'Too Many Requests' },
    }),
    { message: 'httperror 404: object not found', errinfo: {} },
  );
  const hub: FakeDockerHub = Object.assign(api, { repositories, maxPageSize: 100, rateLimitResetAt: 0 });
  return hub;
}
