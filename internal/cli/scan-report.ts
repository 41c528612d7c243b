// What `scan` prints on stdout: one JSON document with the platforms, the summary, every image the
// platforms run (with its tags and update) and the images that have no reference.
import type { App, PlatformInfo, UnresolvableImage } from '../app.js';
import type { ImageListItem, StoreSummary } from '../store/types.js';

export interface ScanReport {
  readonly platforms: readonly PlatformInfo[];
  readonly summary: StoreSummary;
  readonly images: readonly ImageListItem[];
  readonly unresolvable: readonly UnresolvableImage[];
}

const PAGE = 1000;

export function scanReport(app: App): ScanReport {
  const images: ImageListItem[] = [];
  for (let offset = 0, total = 1; offset < total; offset += PAGE) {
    const page = app.listImages({ sort: 'name', order: 'asc', limit: PAGE, offset });
    total = page.total;
    images.push(...page.items);
  }
  return { platforms: app.platforms(), summary: app.summary(), images, unresolvable: app.unresolvedImages() };
}
