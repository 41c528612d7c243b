// Changes over time: images appearing and disappearing (recorded by the store), updates found,
// applied and digests changed (recorded by the pipeline with its result).
import type { Database } from 'better-sqlite3';
import { MAX_PAGE, requireWholeNumber } from './input-checks.js';
import { parseJson, toJsonText } from './json.js';
import type { HistoryEntry, HistoryKind } from '../model/history.js';

interface HistoryRow {
  readonly reference: string;
  readonly kind: HistoryKind;
  readonly at: number;
  readonly details: string | null;
}

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    reference: row.reference,
    kind: row.kind,
    at: row.at,
    details: row.details === null ? null : parseJson(row.details),
  };
}

export interface HistoryWriter {
  record(imageId: number, kind: HistoryKind, at: number, details: unknown): void;
}

export interface HistoryTable extends HistoryWriter {
  /** Newest first; `since` (epoch ms, inclusive) bounds how far back. */
  list(query: { readonly since?: number; readonly limit: number }): HistoryEntry[];
  /** The newest `update-found` events, newest first. */
  recentUpdates(limit: number): HistoryEntry[];
  forImage(imageId: number, limit: number): HistoryEntry[];
}

const SELECT =
  'SELECT images.reference, history.kind, history.at, history.details FROM history JOIN images ON images.id = history.image_id';

export function createHistoryTable(db: Database, path: string): HistoryTable {
  const insert = db.prepare<[number, HistoryKind, number, string | null]>(
    'INSERT INTO history (image_id, kind, at, details) VALUES (?, ?, ?, ?)',
  );
  const since = db.prepare<[number, number], HistoryRow>(
    `${SELECT} WHERE history.at >= ? ORDER BY history.at DESC, history.id DESC LIMIT ?`,
  );
  const ofKind = db.prepare<[HistoryKind, number], HistoryRow>(
    `${SELECT} WHERE history.kind = ? ORDER BY history.at DESC, history.id DESC LIMIT ?`,
  );
  const ofImage = db.prepare<[number, number], HistoryRow>(
    `${SELECT} WHERE history.image_id = ? ORDER BY history.at DESC, history.id DESC LIMIT ?`,
  );
  return {
    record(imageId, kind, at, details) {
      insert.run(
        imageId,
        kind,
        at,
        details === undefined ? null : toJsonText(path, `history ${kind} details`, details),
      );
    },
    list(query) {
      const limit = requireWholeNumber(path, 'history limit', query.limit, 1, MAX_PAGE);
      return since.all(query.since ?? 0, limit).map(toHistoryEntry);
    },
    recentUpdates(limit) {
      return ofKind
        .all('update-found', requireWholeNumber(path, 'recentUpdates limit', limit, 1, MAX_PAGE))
        .map(toHistoryEntry);
    },
    forImage(imageId, limit) {
      return ofImage.all(imageId, limit).map(toHistoryEntry);
    },
  };
}
