// Numbered schema migrations: `migrations/NNNN-name.sql`, applied once each, in order, each inside
// its own transaction together with its row in `schema_migrations`. A shipped file is never edited
// (docs/store.md): a database records which versions it has, not what the files said.
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { StoreError } from './errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATION_FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Reads the migration files beside this module; their numbers must run 1, 2, 3, … without gaps. */
export function loadMigrations(directory: URL = new URL('./migrations/', import.meta.url)): Migration[] {
  const migrations = readdirSync(directory)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      return match ? [{ version: Number(match[1]), name: match[2] ?? '', file }] : [];
    })
    .map(({ version, name, file }) => ({
      version,
      name,
      sql: readFileSync(new URL(file, directory), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new StoreError(
        'migration-failed',
        directory.pathname,
        `migration files in ${directory.pathname} must be numbered 0001, 0002, … without gaps or repeats; found ${String(migration.version).padStart(4, '0')}-${migration.name}.sql at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

interface AppliedRow {
  readonly version: number;
}

/**
 * Brings the database up to the newest migration, one transaction per migration. Each step runs
 * under the write lock (BEGIN IMMEDIATE) and re-reads the version inside it, so two processes
 * opening one file never apply a migration twice; the first step runs even when nothing is
 * pending, so a file another writer holds is reported as locked at open rather than at the first save.
 */
export function migrate(db: Database, path: string, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const newestKnown = migrations.at(-1)?.version ?? 0;
  const applied = db.prepare<[], AppliedRow>('SELECT max(version) AS version FROM schema_migrations');
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  /** Applies the next pending migration; false when there is none. */
  const applyNext = db.transaction((): boolean => {
    const current = applied.get()?.version ?? 0;
    if (current > newestKnown) {
      throw new StoreError(
        'too-new',
        path,
        `the store database ${path} has schema version ${current} but this build knows up to ${newestKnown}; it was written by a newer Cupdate Desktop: update the app, or use another database file`,
      );
    }
    const next = migrations.find((migration) => migration.version === current + 1);
    if (next === undefined) return false;
    try {
      db.exec(next.sql);
    } catch (error) {
      throw new StoreError(
        'migration-failed',
        path,
        `migration ${next.version} (${next.name}) failed on the store database ${path} and was rolled back; restore the file from a backup or move it aside`,
        error,
      );
    }
    record.run(next.version, next.name, Date.now());
    return true;
  });
  while (applyNext.immediate()) {
    // one migration per transaction
  }
}
