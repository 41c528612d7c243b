import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, openStore } from './store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-open-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function openError(path: string, busyTimeoutMs?: number): StoreError {
  try {
    openStore(path, busyTimeoutMs === undefined ? {} : { busyTimeoutMs }).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`openStore(${path}) did not fail`);
}

describe('openStore', () => {
  it('creates the file and its directory, in WAL mode', () => {
    const path = join(dir, 'nested', 'cupdate.sqlite');
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const store = openStore(path);
    // A run for an image no platform reported is refused with the reference named.
    expect(() =>
      store.saveProcessed({
        status: 'failed',
        reference: 'nope',
        processedAt: 1,
        error: 'x',
        tags: [],
        run: { status: 'failed', startedAt: 0, durationMs: 0, record: {} },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        message: expect.stringContaining('image nope is not in the store'),
      }),
    );
    store.close();
  });

  it('reports a file that is not a database as corrupt, naming the path and what to do', () => {
    const path = join(dir, 'garbage.sqlite');
    writeFileSync(
      path,
      'this is not a database, just some text that is long enough to have a header'.repeat(100),
    );
    const error = openError(path);
    expect(error.code).toBe('corrupt');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/move the file aside/);
    expect((error.cause as { code?: string }).code).toBe('SQLITE_NOTADB');
  });

  it('reports a database with a damaged schema page as corrupt', () => {
    const path = join(dir, 'damaged.sqlite');
    openStore(path).close();
    // Page 1 holds sqlite_schema after the 100-byte header; overwrite it with noise.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    closeSync(fd);
    const error = openError(path);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(path);
  });

  it('reports a database another connection holds the write lock on as locked', () => {
    const path = join(dir, 'locked.sqlite');
    openStore(path).close();
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const error = openError(path, 50);
      expect(error.code).toBe('locked');
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    openStore(path).close(); // released: opens again
  });

  it('refuses a database migrated by a newer build, naming both versions', () => {
    const path = join(dir, 'future.sqlite');
    openStore(path).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run();
    db.close();
    const error = openError(path);
    expect(error.code).toBe('too-new');
    expect(error.message).toMatch(/schema version 999 but this build knows up to \d+/);
    expect(error.message).toContain(path);
  });

  it('reports use after close as a StoreError, not a crash', () => {
    const store = openStore(':memory:');
    store.close();
    expect(() => store.summary()).toThrow(expect.objectContaining({ code: 'closed' }));
  });

  it('puts interrupted runs back to pending when opened again', () => {
    const path = join(dir, 'interrupted.sqlite');
    const store = openStore(path);
    store.replacePlatformGraph(
      'static:list',
      [{ id: 'static:list/image/a', kind: 'image', platform: 'static:list', name: 'a', reference: 'a' }],
      [],
    );
    store.markProcessing('a');
    expect(store.summary().processing).toBe(1);
    store.close();
    const reopened = openStore(path);
    expect(reopened.summary()).toMatchObject({ processing: 0, pending: 1 });
    reopened.close();
  });
});
