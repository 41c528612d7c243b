// What `scan` prints on stdout: one JSON document with the platforms, the summary, every image the
// platforms run (with its tags and update) and the images that have no reference.
import type { App, PlatformInfo, UnresolvableImage } from '../app.js';
import { listAllImages } from '../store/list-all-images.js';
import type { ImageListItem } from '../model/image.js';
import type { StoreSummary } from '../model/summary.js';

export interface ScanReport {
  readonly platforms: readonly PlatformInfo[];
  readonly summary: StoreSummary;
  readonly images: readonly ImageListItem[];
  readonly unresolvable: readonly UnresolvableImage[];
}

export function scanReport(app: App): ScanReport {
  return {
    platforms: app.platforms(),
    summary: app.summary(),
    images: listAllImages(app),
    unresolvable: app.unresolvedImages(),
  };
}
