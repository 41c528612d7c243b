// Quay's API (https://docs.quay.io/api/swagger/): the repository description, when tags were
// pushed, and Quay's own security scan (Clair) of a manifest. Only for quay.io images; a token
// (an OAuth application token) is only needed for private repositories.
import { parseReference } from '../oci/reference.js';
import type { Severity } from '../model/image.js';
import { registryLink } from './links.js';
import {
  arrayField,
  count,
  date,
  getSourceJson,
  isObject,
  malformed,
  objectBody,
  text,
  type SourceRequest,
} from './source-json.js';
import { TAG_PAGE_SIZE, TAGS_TTL_MS, tagPushDates, type TaggedImageInput } from './tag-push-dates.js';
import { SourceError, type Enrichment, type SourceContext, type Vulnerability } from './types.js';

const SOURCE = 'quay';
const REPOSITORY_TTL_MS = 60 * 60 * 1000;
const SCAN_TTL_MS = 60 * 60 * 1000;

/** `reference` must be on quay.io. */
export interface QuayInput extends TaggedImageInput {
  /** The manifest to read the security scan of (the candidate's platform manifest digest). */
  readonly digest?: string;
  /** Sent as `Authorization: Bearer` to the Quay endpoint only. */
  readonly token?: string;
}

/** Throws SourceError: `skipped:` for a non-Quay image or an unknown repository, `failed:` otherwise. */
export async function quayEnrichment(ctx: SourceContext, input: QuayInput): Promise<Enrichment> {
  const image = parseReference(input.reference);
  if (image.domain !== 'quay.io') throw new SourceError(SOURCE, `skipped: ${image.name} is not a Quay image`);
  if (input.digest !== undefined && !/^[a-z0-9]+:[a-f0-9]+$/.test(input.digest)) {
    throw new SourceError(
      SOURCE,
      `failed: ${JSON.stringify(input.digest)} is not a manifest digest (sha256:<hex>)`,
    );
  }
  const base = `${ctx.endpoints.quay.replace(/\/+$/, '')}/api/v1/repository/${image.path}`;
  const headers = input.token === undefined ? undefined : { authorization: `Bearer ${input.token}` };
  const request = (what: string, url: URL, ttlMs: number): SourceRequest => ({
    source: SOURCE,
    what: `${what} ${image.path}`,
    url,
    ttlMs,
    ...(headers === undefined ? {} : { headers }),
  });

  const repoReq = request('Quay repository', new URL(base), REPOSITORY_TTL_MS);
  const { value: repository } = await getSourceJson(ctx, repoReq, (json) => objectBody(json, repoReq));
  const description = text(repository, 'description');
  const tagPage = (page: number): SourceRequest => {
    const url = new URL(`${base}/tag/`);
    url.search = new URLSearchParams({
      limit: String(TAG_PAGE_SIZE),
      page: String(page),
      onlyActiveTags: 'true',
    }).toString();
    return request('Quay tags of', url, TAGS_TTL_MS);
  };
  const releaseDates = await tagPushDates(ctx, input.tags ?? [], {
    first: tagPage(1),
    listKey: 'tags',
    next: (body, req) =>
      body['has_additional'] === true ? tagPage(Number(req.url.searchParams.get('page')) + 1) : null,
    pushedAt: (tag) => {
      const startSeconds = count(tag, 'start_ts');
      return startSeconds === null ? date(tag, 'last_modified') : startSeconds * 1000;
    },
  });
  const vulnerabilities =
    input.digest === undefined
      ? undefined
      : await securityScan(
          ctx,
          request(
            `Quay security scan of ${input.digest} in`,
            new URL(`${base}/manifest/${input.digest}/security?vulnerabilities=true`),
            SCAN_TTL_MS,
          ),
        );
  const link = registryLink(input.reference);
  return {
    // Quay descriptions are Markdown (the repository page renders them).
    ...(description === undefined
      ? {}
      : { description: { format: 'markdown', body: description, source: SOURCE } }),
    ...(link === null ? {} : { links: [link] }),
    ...(Object.keys(releaseDates).length === 0 ? {} : { releaseDates }),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
  };
}

/**
 * Vulnerabilities of a scanned manifest, one per id. `undefined` while Quay has not scanned it
 * (`queued`), cannot (`unsupported`, e.g. an index) or failed to, and when the manifest is unknown
 * (404): no scan is not the same as no vulnerabilities.
 */
async function securityScan(ctx: SourceContext, req: SourceRequest): Promise<Vulnerability[] | undefined> {
  try {
    return (await getSourceJson(ctx, req, (json) => readScan(json, req))).value;
  } catch (error) {
    if (error instanceof SourceError && error.message.startsWith('skipped:')) return undefined;
    throw error;
  }
}

function readScan(json: unknown, req: SourceRequest): Vulnerability[] | undefined {
  const body = objectBody(json, req);
  if (body['status'] !== 'scanned') return undefined;
  const layer = isObject(body['data']) ? body['data']['Layer'] : undefined;
  if (!isObject(layer)) throw malformed(req, 'a scanned manifest without "data.Layer"');
  const byId = new Map<string, Vulnerability>();
  for (const feature of layer['Features'] === undefined ? [] : arrayField(layer, 'Features', req)) {
    if (!isObject(feature) || feature['Vulnerabilities'] === undefined) continue;
    for (const found of arrayField(feature, 'Vulnerabilities', req)) {
      const id = isObject(found) ? text(found, 'Name') : undefined;
      if (!isObject(found) || id === undefined || byId.has(id)) continue;
      byId.set(id, {
        id,
        severity: normalizeSeverity(text(found, 'Severity')),
        summary: text(found, 'Description') ?? '',
        fixedIn: text(found, 'FixedBy') ?? null,
        source: SOURCE,
      });
    }
  }
  return [...byId.values()];
}

/**
 * Clair's severities (`Unknown`, `Negligible`, `Low`, `Medium`, `High`, `Critical`, `Defcon1`) on
 * the store's scale: `Defcon1` is above critical and `Negligible` below low, so they join them.
 */
export function normalizeSeverity(severity: string | undefined): Severity {
  switch (severity?.toLowerCase()) {
    case 'defcon1':
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
      return 'medium';
    case 'low':
    case 'negligible':
      return 'low';
    default:
      return 'unknown';
  }
}
