import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrations.js';
import { openStore } from './store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-migrations-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A migrations folder holding exactly `files`. */
function migrationsFolder(files: Record<string, string>): URL {
  const folder = join(dir, 'migrations');
  mkdirSync(folder);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(folder, name), sql);
  return pathToFileURL(folder + '/');
}

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly applied_at: number;
}
function applied(db: Database.Database): AppliedRow[] {
  return db
    .prepare<[], AppliedRow>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
    .all();
}

describe('loadMigrations', () => {
  it('finds the shipped files beside the module, numbered from 1 without gaps', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe('initial');
    expect(migrations.length).toBeGreaterThanOrEqual(2);
  });

  it('sorts by number, not by how the directory lists them, and ignores other files', () => {
    const folder = migrationsFolder({
      '0002-b.sql': 'SELECT 2;',
      '0001-a.sql': 'SELECT 1;',
      'README.md': '#',
    });
    expect(loadMigrations(folder).map((m) => `${m.version}-${m.name}`)).toEqual(['1-a', '2-b']);
  });

  it('refuses a gap in the numbering, naming the file', () => {
    const folder = migrationsFolder({ '0001-a.sql': 'SELECT 1;', '0003-c.sql': 'SELECT 3;' });
    expect(() => loadMigrations(folder)).toThrow(
      expect.objectContaining({ code: 'migration-failed', message: expect.stringContaining('0003-c.sql') }),
    );
  });
});

describe('migrate', () => {
  it('runs each migration once, in order, and records it', () => {
    // 0002 only works after 0001 created the table; 0003 only after 0002 added the column.
    const folder = migrationsFolder({
      '0001-create.sql': 'CREATE TABLE t (a INTEGER);',
      '0002-add-column.sql': 'ALTER TABLE t ADD COLUMN b TEXT;',
      '0003-insert.sql': "INSERT INTO t (a, b) VALUES (1, 'x');",
    });
    const db = new Database(join(dir, 'db.sqlite'));
    migrate(db, 'db', loadMigrations(folder));
    const first = applied(db);
    migrate(db, 'db', loadMigrations(folder));
    expect(applied(db)).toEqual(first); // the second run applied nothing
    expect(first.map((row) => `${row.version}-${row.name}`)).toEqual([
      '1-create',
      '2-add-column',
      '3-insert',
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 }); // 0003 ran once
    db.close();
  });

  it('rolls a failing migration back whole and names it', () => {
    const folder = migrationsFolder({
      '0001-create.sql': 'CREATE TABLE t (a INTEGER);',
      '0002-broken.sql': 'CREATE TABLE half (a INTEGER); INSERT INTO no_such_table VALUES (1);',
    });
    const db = new Database(join(dir, 'db.sqlite'));
    expect(() => migrate(db, 'db.sqlite', loadMigrations(folder))).toThrow(
      expect.objectContaining({
        code: 'migration-failed',
        message: expect.stringContaining('migration 2 (broken)'),
      }),
    );
    // One transaction per migration: 0001 stays applied, nothing of 0002 does.
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('t', 'half')").all()).toEqual([
      { name: 't' },
    ]);
    expect(applied(db).map((row) => row.version)).toEqual([1]);
    db.close();
  });

  it('upgrades a database at 0001 to the latest, indexing the images 0001 stored for search', () => {
    const path = join(dir, 'store.sqlite');
    const [initial] = loadMigrations();
    if (initial === undefined) throw new Error('no migrations shipped');
    const old = new Database(path);
    migrate(old, path, [initial]);
    old.exec(`INSERT INTO images (id, reference, first_seen, last_seen) VALUES (1, 'docker.io/library/nginx:1.25', 1, 1);
              INSERT INTO descriptions (image_id, format, body, source) VALUES (1, 'text', 'a fast web server', 'docker-hub');
              INSERT INTO release_notes (image_id, version, title, body) VALUES (1, '1.25', 'Mainline quokka', '');`);
    old.close();

    const store = openStore(path);
    const check = (query: string) =>
      store.listImages({ query, sort: 'name', order: 'asc', limit: 10, offset: 0 }).total;
    expect([check('nginx'), check('server'), check('quokka'), check('postgres')]).toEqual([1, 1, 1, 0]);
    store.close();
    const reopened = new Database(path, { readonly: true });
    expect(applied(reopened).map((row) => row.version)).toEqual(loadMigrations().map((m) => m.version));
    reopened.close();
  });
});
