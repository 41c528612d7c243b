// Puts a release note on an image the way a release-notes source would leave it in the store. The
// pipeline has no release-notes source wired yet (process-image.ts saves none), so the e2e suite
// writes the row itself, through a second SQLite connection (the store runs in WAL mode).
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface InjectedNote {
  readonly version: string;
  readonly title: string;
  readonly body: string;
  readonly url: string | null;
}

export function injectReleaseNote(dataDir: string, reference: string, note: InjectedNote): void {
  const db = new Database(join(dataDir, 'cupdate.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const image = db
      .prepare<[string], { id: number }>('SELECT id FROM images WHERE reference = ?')
      .get(reference);
    if (image === undefined) throw new Error(`no image ${reference} in the store to put a release note on`);
    db.prepare(
      'INSERT OR REPLACE INTO release_notes (image_id, version, title, body, published_at, url) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(image.id, note.version, note.title, note.body, Date.now(), note.url);
  } finally {
    db.close();
  }
}

/** Markdown that tries every way to run a script; a sanitizer must let none of them through. */
export const HOSTILE_NOTES = [
  '## Changes',
  '',
  'This release is **safe to read**.',
  '',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  "[a link](javascript:window.__pwned='link')",
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '<a href="https://example.com/changelog">the changelog</a>',
].join('\n');
