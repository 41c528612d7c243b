// Every image a listing matches, page after page: the store answers at most MAX_PAGE per call, and
// the report, the scan's JSON, the UI's snapshot and the "update found" memory all need them all.
import { MAX_PAGE } from './input-checks.js';
import type { ImageListItem } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';

export interface ImageLister {
  listImages(query: ListImagesQuery): ImagePage;
}

/** By name; images that run nowhere any more only when asked. */
export function listAllImages(
  source: ImageLister,
  options: { readonly includeDisappeared?: boolean } = {},
): ImageListItem[] {
  const items: ImageListItem[] = [];
  for (let offset = 0, total = 1; offset < total; offset += MAX_PAGE) {
    const page = source.listImages({ sort: 'name', order: 'asc', limit: MAX_PAGE, offset, ...options });
    total = page.total;
    items.push(...page.items);
  }
  return items;
}
