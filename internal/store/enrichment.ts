// What the sources found about an image: description, links, release notes, vulnerabilities.
// Each save replaces the previous set, so a note or advisory the source dropped disappears too, and
// rewrites the image's full-text row once (migrations/0002-search.sql says why not by triggers).
import type { Database } from 'better-sqlite3';
import type {
  Description,
  Link,
  ReleaseNote,
  Severity,
  UpdateEffect,
  Vulnerability,
} from '../model/image.js';

export interface Enrichment {
  readonly description: Description | null;
  readonly links: readonly Link[];
  readonly releaseNotes: readonly ReleaseNote[];
  readonly vulnerabilities: readonly Vulnerability[];
}

interface ReleaseNoteRow {
  readonly version: string;
  readonly title: string;
  readonly body: string;
  readonly published_at: number | null;
  readonly url: string | null;
}
interface VulnerabilityRow {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly fixed_in: string | null;
  readonly source: string;
  readonly update_effect: UpdateEffect | null;
}

export interface EnrichmentTables {
  replace(imageId: number, enrichment: Enrichment): void;
  forImage(imageId: number): Enrichment;
}

export function createEnrichmentTables(db: Database): EnrichmentTables {
  const deleteDescription = db.prepare<[number]>('DELETE FROM descriptions WHERE image_id = ?');
  const insertDescription = db.prepare<[number, Description['format'], string, string]>(
    'INSERT INTO descriptions (image_id, format, body, source) VALUES (?, ?, ?, ?)',
  );
  const deleteLinks = db.prepare<[number]>('DELETE FROM links WHERE image_id = ?');
  const insertLink = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO links (image_id, type, url) VALUES (?, ?, ?)',
  );
  const deleteNotes = db.prepare<[number]>('DELETE FROM release_notes WHERE image_id = ?');
  const insertNote = db.prepare<[number, string, string, string, number | null, string | null]>(
    'INSERT OR REPLACE INTO release_notes (image_id, version, title, body, published_at, url) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deleteVulnerabilities = db.prepare<[number]>('DELETE FROM vulnerabilities WHERE image_id = ?');
  const insertVulnerability = db.prepare<
    [number, string, Severity, string, string | null, string, UpdateEffect | null]
  >(
    'INSERT OR REPLACE INTO vulnerabilities (image_id, id, severity, summary, fixed_in, source, update_effect) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const refreshSearch = db.prepare<{ imageId: number }>(
    `UPDATE image_search
        SET description = coalesce((SELECT body FROM descriptions WHERE image_id = $imageId), ''),
            release_titles = coalesce((SELECT group_concat(title, ' ') FROM release_notes WHERE image_id = $imageId), '')
      WHERE rowid = $imageId`,
  );
  const selectDescription = db.prepare<[number], Description>(
    'SELECT format, body, source FROM descriptions WHERE image_id = ?',
  );
  const selectLinks = db.prepare<[number], Link>(
    'SELECT type, url FROM links WHERE image_id = ? ORDER BY type, url',
  );
  const selectNotes = db.prepare<[number], ReleaseNoteRow>(
    `SELECT version, title, body, published_at, url FROM release_notes
      WHERE image_id = ? ORDER BY published_at DESC NULLS LAST, version DESC`,
  );
  // Most severe first; the CASE mirrors the CHECK on vulnerabilities.severity.
  const selectVulnerabilities = db.prepare<[number], VulnerabilityRow>(
    `SELECT id, severity, summary, fixed_in, source, update_effect FROM vulnerabilities WHERE image_id = ?
      ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, id`,
  );

  return {
    replace(imageId, { description, links, releaseNotes, vulnerabilities }) {
      deleteDescription.run(imageId);
      if (description !== null)
        insertDescription.run(imageId, description.format, description.body, description.source);
      deleteLinks.run(imageId);
      for (const link of links) insertLink.run(imageId, link.type, link.url);
      deleteNotes.run(imageId);
      for (const note of releaseNotes) {
        insertNote.run(imageId, note.version, note.title, note.body, note.publishedAt, note.url);
      }
      deleteVulnerabilities.run(imageId);
      for (const v of vulnerabilities)
        insertVulnerability.run(
          imageId,
          v.id,
          v.severity,
          v.summary,
          v.fixedIn,
          v.source,
          v.updateEffect ?? null,
        );
      refreshSearch.run({ imageId });
    },
    forImage(imageId) {
      const description = selectDescription.get(imageId);
      return {
        description:
          description === undefined
            ? null
            : { format: description.format, body: description.body, source: description.source },
        links: selectLinks.all(imageId).map((row) => ({ type: row.type, url: row.url })),
        releaseNotes: selectNotes.all(imageId).map((row) => ({
          version: row.version,
          title: row.title,
          body: row.body,
          publishedAt: row.published_at,
          url: row.url,
        })),
        vulnerabilities: selectVulnerabilities.all(imageId).map((row) => ({
          id: row.id,
          severity: row.severity,
          summary: row.summary,
          fixedIn: row.fixed_in,
          source: row.source,
          ...(row.update_effect === null ? {} : { updateEffect: row.update_effect }),
        })),
      };
    },
  };
}
