// Listing images: full-text query, tag filters (all / any / none), sort by name or update size,
// pagination. The SQL is assembled from fixed fragments (arrays travel as one JSON parameter read
// with json_each), so there are at most a few dozen shapes, each prepared once and cached.
import type { Database, Statement } from 'better-sqlite3';
import { MAX_PAGE, requireWholeNumber } from './input-checks.js';
import { parseJson } from './json.js';
import type { ImageListItem, ImageStatus, UpdateKind } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';

export interface ImageItemRow {
  readonly id: number;
  readonly reference: string;
  readonly status: ImageStatus;
  readonly error: string | null;
  readonly first_seen: number;
  readonly last_seen: number;
  readonly last_processed: number | null;
  readonly disappeared_at: number | null;
  readonly update_kind: UpdateKind | null;
  readonly latest_reference: string | null;
  readonly checked_at: number | null;
  readonly tags: string;
  readonly vulnerability_count: number;
}

/** The columns of an ImageListItem; the caller appends WHERE / ORDER BY. */
export const IMAGE_ITEM_SELECT = `
  SELECT images.id, images.reference, images.status, images.error, images.first_seen, images.last_seen,
         images.last_processed, images.disappeared_at, results.update_kind, results.latest_reference, results.checked_at,
         (SELECT json_group_array(name) FROM (SELECT name FROM tags WHERE image_id = images.id ORDER BY name)) AS tags,
         (SELECT count(*) FROM vulnerabilities WHERE image_id = images.id) AS vulnerability_count
    FROM images LEFT JOIN results ON results.image_id = images.id`;

export function toImageListItem(row: ImageItemRow): ImageListItem {
  return {
    reference: row.reference,
    status: row.status,
    error: row.error,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    lastProcessed: row.last_processed,
    disappearedAt: row.disappeared_at,
    tags: parseJson(row.tags) as string[],
    update:
      row.update_kind === null || row.checked_at === null
        ? null
        : { kind: row.update_kind, latestReference: row.latest_reference, checkedAt: row.checked_at },
    vulnerabilityCount: row.vulnerability_count,
  };
}

/**
 * Each word of the user's text becomes a quoted prefix term ("ngi"*), so FTS5 syntax in the input
 * (quotes, AND, NEAR, column filters, `*`) is data and can never make MATCH fail. Words are split
 * like the unicode61 tokenizer splits the indexed text: letters and digits, all else separates.
 */
export function toMatchExpression(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  return words === null ? undefined : words.map((word) => `"${word}"*`).join(' ');
}

type Param = string | number;

export interface ImageList {
  list(query: ListImagesQuery): ImagePage;
}

export function createImageList(db: Database, path: string): ImageList {
  const statements = new Map<string, Statement<Param[], unknown>>();
  function prepared<Row>(sql: string): Statement<Param[], Row> {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare<Param[], unknown>(sql);
      statements.set(sql, statement);
    }
    return statement as Statement<Param[], Row>;
  }

  return {
    list(query) {
      const limit = requireWholeNumber(path, 'listImages limit', query.limit, 1, MAX_PAGE);
      const offset = requireWholeNumber(path, 'listImages offset', query.offset, 0, Number.MAX_SAFE_INTEGER);
      const where: string[] = [];
      const params: Param[] = [];
      if (query.includeDisappeared !== true) where.push('images.disappeared_at IS NULL');
      const match = query.query === undefined ? undefined : toMatchExpression(query.query);
      if (match !== undefined) {
        where.push('images.id IN (SELECT rowid FROM image_search WHERE image_search MATCH ?)');
        params.push(match);
      }
      const all = [...new Set(query.tags?.all ?? [])];
      if (all.length > 0) {
        // Correlated (not `IN (… GROUP BY image_id)`), so a page sorted by name stops after `limit` rows.
        where.push(`(SELECT count(*) FROM tags WHERE tags.image_id = images.id
                      AND tags.name IN (SELECT value FROM json_each(?))) = ?`);
        params.push(JSON.stringify(all), all.length);
      }
      for (const [tags, negate] of [
        [query.tags?.any ?? [], ''],
        [query.tags?.none ?? [], 'NOT '],
      ] as const) {
        if (tags.length === 0) continue;
        where.push(`${negate}EXISTS (SELECT 1 FROM tags WHERE tags.image_id = images.id
                     AND tags.name IN (SELECT value FROM json_each(?)))`);
        params.push(JSON.stringify(tags));
      }
      const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      const direction = query.order === 'desc' ? 'DESC' : 'ASC';
      // Images not checked yet rank below `none` (-1 vs 0).
      const orderSql =
        query.sort === 'update'
          ? `ORDER BY coalesce(results.update_rank, -1) ${direction}, images.reference ASC`
          : `ORDER BY images.reference ${direction}`;

      const total = prepared<{ readonly total: number }>(
        `SELECT count(*) AS total FROM images ${whereSql}`,
      ).get(...params);
      const rows = prepared<ImageItemRow>(
        `${IMAGE_ITEM_SELECT} ${whereSql} ${orderSql} LIMIT ? OFFSET ?`,
      ).all(...params, limit, offset);
      return { total: total?.total ?? 0, items: rows.map(toImageListItem) };
    },
  };
}
