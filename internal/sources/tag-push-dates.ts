// When tags were pushed, from a registry website's paginated tag listing (Docker Hub, Quay). Only
// the tags of interest (the running and candidate tags) are wanted, and listings are newest first,
// so paging stops as soon as all are found, and after MAX_TAG_PAGES pages at the most: popular
// repositories have thousands of tags, and the wanted ones are recent.
import {
  arrayField,
  getSourceJson,
  isObject,
  objectBody,
  text,
  type JsonObject,
  type SourceRequest,
} from './source-json.js';
import type { SourceContext } from './types.js';

export const TAG_PAGE_SIZE = 100;
export const TAGS_TTL_MS = 15 * 60 * 1000;
const MAX_TAG_PAGES = 10;

/** An image on a registry with a website API, and the tags whose push date is wanted. */
export interface TaggedImageInput {
  /** The image reference (any form `parseReference` accepts). */
  readonly reference: string;
  /** Tags whose push date is wanted (the current and candidate tags, usually). */
  readonly tags?: readonly string[];
}

export interface TagListing {
  /** The request for the first page. */
  readonly first: SourceRequest;
  /** The key of the tag list in a page (`results`, `tags`). */
  readonly listKey: string;
  /** The request for the page after `page`, or null on the last page. */
  readonly next: (page: JsonObject, req: SourceRequest) => SourceRequest | null;
  /** When a tag of the listing was pushed, epoch ms. */
  readonly pushedAt: (tag: JsonObject) => number | null;
}

/** `{ [tag]: epoch ms }` for the wanted tags that the listing holds and dates. */
export async function tagPushDates(
  ctx: SourceContext,
  wanted: readonly string[],
  listing: TagListing,
): Promise<Record<string, number>> {
  const missing = new Set(wanted);
  const dates: Record<string, number> = {};
  let req: SourceRequest | null = listing.first;
  for (let page = 0; req !== null && missing.size > 0 && page < MAX_TAG_PAGES; page++) {
    const page: SourceRequest = req;
    const { value } = await getSourceJson(ctx, page, (json) => {
      const body = objectBody(json, page);
      return { body, tags: arrayField(body, listing.listKey, page) };
    });
    for (const tag of value.tags) {
      const name = isObject(tag) ? text(tag, 'name') : undefined;
      if (!isObject(tag) || name === undefined || !missing.has(name)) continue;
      const pushed = listing.pushedAt(tag);
      if (pushed !== null) dates[name] = pushed;
      missing.delete(name);
    }
    req = listing.next(value.body, page);
  }
  return dates;
}
