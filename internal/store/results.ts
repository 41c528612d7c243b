// The latest check of an image: current and latest tag/digest, update kind, candidates, explanation.
import type { Database } from 'better-sqlite3';
import { parseJson, toJsonText } from './json.js';
import type { UpdateKind, UpdateResult } from '../model/image.js';

interface ResultRow {
  readonly current_tag: string | null;
  readonly current_digest: string | null;
  readonly latest_reference: string | null;
  readonly latest_digest: string | null;
  readonly update_kind: UpdateKind;
  readonly patch_candidate: string | null;
  readonly minor_candidate: string | null;
  readonly major_candidate: string | null;
  readonly explanation: string;
  readonly checked_at: number;
}

type ResultParams = [
  imageId: number,
  currentTag: string | null,
  currentDigest: string | null,
  latestReference: string | null,
  latestDigest: string | null,
  kind: UpdateKind,
  patch: string | null,
  minor: string | null,
  major: string | null,
  explanation: string,
  checkedAt: number,
];

export interface ResultsTable {
  save(imageId: number, result: UpdateResult<unknown>): void;
  forImage(imageId: number): UpdateResult | null;
}

export function createResultsTable(db: Database, path: string): ResultsTable {
  const upsert = db.prepare<ResultParams>(
    `INSERT OR REPLACE INTO results (image_id, current_tag, current_digest, latest_reference, latest_digest, update_kind,
       patch_candidate, minor_candidate, major_candidate, explanation, checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare<[number], ResultRow>(
    `SELECT current_tag, current_digest, latest_reference, latest_digest, update_kind, patch_candidate,
            minor_candidate, major_candidate, explanation, checked_at
       FROM results WHERE image_id = ?`,
  );
  return {
    save(imageId, result) {
      upsert.run(
        imageId,
        result.currentTag,
        result.currentDigest,
        result.latestReference,
        result.latestDigest,
        result.kind,
        result.candidates.patch,
        result.candidates.minor,
        result.candidates.major,
        toJsonText(path, 'result explanation', result.explanation),
        result.checkedAt,
      );
    },
    forImage(imageId) {
      const row = select.get(imageId);
      if (row === undefined) return null;
      return {
        currentTag: row.current_tag,
        currentDigest: row.current_digest,
        latestReference: row.latest_reference,
        latestDigest: row.latest_digest,
        kind: row.update_kind,
        candidates: { patch: row.patch_candidate, minor: row.minor_candidate, major: row.major_candidate },
        explanation: parseJson(row.explanation),
        checkedAt: row.checked_at,
      };
    },
  };
}
