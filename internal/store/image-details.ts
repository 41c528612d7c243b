// Everything the store knows about one image, for the image detail view.
import type { Database } from 'better-sqlite3';
import type { EnrichmentTables } from './enrichment.js';
import type { HistoryTable } from './history.js';
import { IMAGE_ITEM_SELECT, toImageListItem, type ImageItemRow } from './image-list.js';
import type { ImagesTable } from './images.js';
import type { ResultsTable } from './results.js';
import type { RunsTable } from './runs.js';
import type { ImageDetails } from '../model/image.js';

/** How many history entries the detail view gets; older ones are in history(). */
const HISTORY_PER_IMAGE = 50;

interface Tables {
  readonly images: ImagesTable;
  readonly results: ResultsTable;
  readonly enrichment: EnrichmentTables;
  readonly runs: RunsTable;
  readonly history: HistoryTable;
}

export function createImageDetails(
  db: Database,
  tables: Tables,
): (reference: string) => ImageDetails | undefined {
  const select = db.prepare<[string], ImageItemRow>(`${IMAGE_ITEM_SELECT} WHERE images.reference = ?`);
  // One read transaction, so the parts agree with each other even while a writer commits.
  return db.transaction((reference: string): ImageDetails | undefined => {
    const row = select.get(reference);
    if (row === undefined) return undefined;
    return {
      ...toImageListItem(row),
      result: tables.results.forImage(row.id),
      ...tables.enrichment.forImage(row.id),
      runs: tables.runs.forImage(row.id),
      history: tables.history.forImage(row.id, HISTORY_PER_IMAGE),
      runsOn: tables.images.locations(row.id),
    };
  });
}
