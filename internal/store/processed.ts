// Saving what one "process image" run produced, in ONE transaction: status, result, tags,
// enrichment, run record and history. A crash leaves either the whole run or none of it.
import type { Database } from 'better-sqlite3';
import type { EnrichmentTables } from './enrichment.js';
import type { HistoryWriter } from './history.js';
import type { ImagesTable } from './images.js';
import type { ResultsTable } from './results.js';
import type { RunsTable } from './runs.js';
import type { ImageStatus } from '../model/image.js';
import type { ProcessedImage } from '../model/processed.js';

export interface ProcessedWriter {
  save(processed: ProcessedImage): void;
}

interface Tables {
  readonly images: ImagesTable;
  readonly results: ResultsTable;
  readonly enrichment: EnrichmentTables;
  readonly runs: RunsTable;
  readonly history: HistoryWriter;
}

export function createProcessedWriter(db: Database, tables: Tables): ProcessedWriter {
  const setStatus = db.prepare<[ImageStatus, string | null, number, number]>(
    'UPDATE images SET status = ?, error = ?, last_processed = ? WHERE id = ?',
  );
  const deleteTags = db.prepare<[number]>('DELETE FROM tags WHERE image_id = ?');
  const insertTag = db.prepare<[number, string]>('INSERT OR IGNORE INTO tags (image_id, name) VALUES (?, ?)');

  const save = db.transaction((processed: ProcessedImage) => {
    const imageId = tables.images.requireId(processed.reference);
    if (processed.status === 'done') {
      setStatus.run('done', null, processed.processedAt, imageId);
      tables.results.save(imageId, processed.result);
      tables.enrichment.replace(imageId, processed);
    } else {
      setStatus.run('failed', processed.error, processed.processedAt, imageId);
    }
    deleteTags.run(imageId);
    for (const tag of processed.tags) insertTag.run(imageId, tag);
    tables.runs.add(imageId, processed.run);
    for (const event of processed.history ?? []) {
      tables.history.record(imageId, event.kind, processed.processedAt, event.details);
    }
  });

  return {
    save(processed) {
      save.immediate(processed);
    },
  };
}
