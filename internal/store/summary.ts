// The dashboard counts, over the images that run somewhere, in one pass.
import type { Database } from 'better-sqlite3';
import type { StoreSummary } from '../model/summary.js';

interface SummaryRow {
  readonly total: number;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly digest: number;
  readonly up_to_date: number;
  readonly vulnerable: number;
  readonly failed: number;
  readonly processing: number;
  readonly pending: number;
}

export function createSummary(db: Database): () => StoreSummary {
  const select = db.prepare<[], SummaryRow>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE results.update_kind = 'major') AS major,
            count(*) FILTER (WHERE results.update_kind = 'minor') AS minor,
            count(*) FILTER (WHERE results.update_kind = 'patch') AS patch,
            count(*) FILTER (WHERE results.update_kind = 'digest') AS digest,
            count(*) FILTER (WHERE results.update_kind = 'none') AS up_to_date,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM vulnerabilities WHERE image_id = images.id)) AS vulnerable,
            count(*) FILTER (WHERE images.status = 'failed') AS failed,
            count(*) FILTER (WHERE images.status = 'processing') AS processing,
            count(*) FILTER (WHERE images.status = 'pending') AS pending
       FROM images LEFT JOIN results ON results.image_id = images.id
      WHERE images.disappeared_at IS NULL`,
  );
  return () => {
    const row = select.get();
    if (row === undefined) throw new Error('an aggregate query always returns one row');
    return {
      total: row.total,
      outdated: { major: row.major, minor: row.minor, patch: row.patch, digest: row.digest },
      upToDate: row.up_to_date,
      vulnerable: row.vulnerable,
      failed: row.failed,
      processing: row.processing,
      pending: row.pending,
    };
  };
}
