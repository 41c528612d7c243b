// Docker Hub's repository API (https://docs.docker.com/reference/api/hub/latest/): the description
// its publisher wrote on the Hub, popularity, and when each tag was pushed. Only for docker.io
// images; public repositories need no token.
import { parseReference } from '../oci/reference.js';
import { registryLink } from './links.js';
import {
  count,
  date,
  getSourceJson,
  objectBody,
  sameOriginUrl,
  text,
  type SourceRequest,
} from './source-json.js';
import { TAG_PAGE_SIZE, TAGS_TTL_MS, tagPushDates, type TaggedImageInput } from './tag-push-dates.js';
import { SourceError, type Enrichment, type SourceContext } from './types.js';

const SOURCE = 'docker-hub';
const REPOSITORY_TTL_MS = 60 * 60 * 1000;

/** `reference` must be on docker.io. */
export type DockerHubInput = TaggedImageInput;

export interface DockerHubResult extends Enrichment {
  readonly hub: {
    readonly shortDescription: string | null;
    readonly starCount: number | null;
    readonly pullCount: number | null;
    /** epoch ms */
    readonly lastUpdated: number | null;
  };
}

/** Throws SourceError: `skipped:` for a non-Docker Hub image or an unknown repository, `failed:` otherwise. */
export async function dockerHubEnrichment(
  ctx: SourceContext,
  input: DockerHubInput,
): Promise<DockerHubResult> {
  const image = parseReference(input.reference);
  if (image.domain !== 'docker.io') {
    throw new SourceError(SOURCE, `skipped: ${image.name} is not a Docker Hub image`);
  }
  const base = `${ctx.endpoints.dockerHub.replace(/\/+$/, '')}/v2/repositories/${image.path}`;
  const repository = await getRepository(ctx, new URL(`${base}/`), image.path);
  const tagsUrl = new URL(`${base}/tags?page_size=${TAG_PAGE_SIZE}`);
  const tagsRequest = (url: URL): SourceRequest => ({
    source: SOURCE,
    what: `Docker Hub tags of ${image.path}`,
    url,
    ttlMs: TAGS_TTL_MS,
  });
  const releaseDates = await tagPushDates(ctx, input.tags ?? [], {
    first: tagsRequest(tagsUrl),
    listKey: 'results',
    // `next` is an absolute URL on hub.docker.com; followed only on the configured origin.
    next: (page) => {
      const next = sameOriginUrl(text(page, 'next'), tagsUrl);
      return next === null ? null : tagsRequest(next);
    },
    pushedAt: (tag) => date(tag, 'tag_last_pushed') ?? date(tag, 'last_updated'),
  });
  const link = registryLink(input.reference);
  return {
    ...repository,
    ...(link === null ? {} : { links: [link] }),
    ...(Object.keys(releaseDates).length === 0 ? {} : { releaseDates }),
  };
}

async function getRepository(
  ctx: SourceContext,
  url: URL,
  path: string,
): Promise<Pick<DockerHubResult, 'description' | 'hub'>> {
  const req: SourceRequest = {
    source: SOURCE,
    what: `Docker Hub repository ${path}`,
    url,
    ttlMs: REPOSITORY_TTL_MS,
  };
  const { value: body } = await getSourceJson(ctx, req, (json) => objectBody(json, req));
  const full = text(body, 'full_description');
  const short = text(body, 'description') ?? null;
  const description =
    full !== undefined
      ? { format: 'markdown' as const, body: full, source: SOURCE }
      : short !== null
        ? { format: 'text' as const, body: short, source: SOURCE }
        : undefined;
  return {
    ...(description === undefined ? {} : { description }),
    hub: {
      shortDescription: short,
      starCount: count(body, 'star_count'),
      pullCount: count(body, 'pull_count'),
      lastUpdated: date(body, 'last_updated'),
    },
  };
}
