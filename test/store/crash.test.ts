// Kills a writer process (SIGKILL) in the middle of its transactions several times, then checks the
// database: SQLite's integrity check passes, every batch the writer reported as committed is there,
// and no batch is there in part. Real SQLite and a real process kill, no mocks.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../internal/store/store.js';
import {
  IMAGES_PER_BATCH,
  NOTES_PER_RESULT,
  TAGS_PER_RESULT,
  VULNERABILITIES_PER_RESULT,
  batchImage,
  batchPlatform,
} from './crash-writer.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const KILLS = 5;

interface Committed {
  graphs: Set<number>;
  processed: Set<number>;
  /** Kills that came after a `begin` line with no `committed` line: inside a write. */
  killsMidWrite: number;
}

/** Starts the writer, lets it commit a few batches, then SIGKILLs it at a random moment inside a write. */
async function runAndKill(
  path: string,
  committed: Committed,
  killDuring: 'graph' | 'processed',
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let pending = '';
  let commitsThisRun = 0;
  let writing = false;
  const enoughCommits = 2 + Math.floor(Math.random() * 4);
  // 'close' comes after stdout has been read to its end, so `writing` reflects the last line written.
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('close', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`the writer exited before it was killed: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [, step, kind, k] = /^(begin|committed) (graph|processed) (\d+)$/.exec(line) ?? [];
        writing = step === 'begin';
        if (step === 'committed') {
          (kind === 'graph' ? committed.graphs : committed.processed).add(Number(k));
          commitsThisRun++;
        } else if (commitsThisRun >= enoughCommits && kind === killDuring) {
          // Kill 0–5 ms after a write began: a graph transaction takes longer than that.
          setTimeout(resolve, Math.random() * 5);
        }
      }
    });
  });
  if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  if (writing) committed.killsMidWrite++;
}

let dir: string;
let path: string;
const committed: Committed = { graphs: new Set(), processed: new Set(), killsMidWrite: 0 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'store-crash-'));
  path = join(dir, 'crash.sqlite');
  openStore(path).close(); // migrate once, so every writer run is busy writing batches
  for (let i = 0; i < KILLS; i++) await runAndKill(path, committed, i % 2 === 0 ? 'graph' : 'processed');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a writer killed mid-transaction', () => {
  it('was killed inside a write at least once', () => {
    // The kill lands 0–5 ms after a `begin` line; a graph batch (every other kill) takes longer than that to commit.
    console.info(`${committed.killsMidWrite} of ${KILLS} kills landed inside a write`);
    expect(committed.killsMidWrite).toBeGreaterThan(0);
  });

  it('leaves a database that passes SQLite integrity and foreign key checks', () => {
    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // FTS5's own check that its index matches the rows (https://sqlite.org/fts5.html#the_integrity_check_command).
    expect(() => db.exec("INSERT INTO image_search (image_search) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });

  it('keeps every batch the writer reported committed, and no batch in part', () => {
    const store = openStore(path);
    const db = new Database(path, { readonly: true });
    const count = (sql: string, ...params: (string | number)[]) =>
      (db
        .prepare(sql)
        .pluck()
        .get(...params) as number) ?? 0;
    const batches = db
      .prepare<[], { platform: string }>(
        "SELECT DISTINCT platform FROM graph_nodes WHERE platform LIKE 'static:batch-%'",
      )
      .all()
      .map((row) => Number(row.platform.slice('static:batch-'.length)));
    for (const k of committed.graphs) expect(batches).toContain(k);
    expect(batches.length).toBeGreaterThanOrEqual(KILLS); // each run commits at least one whole batch

    for (const k of batches) {
      // The graph transaction: all nodes, edges, images and their `appeared` history, or none.
      expect(count('SELECT count(*) FROM graph_nodes WHERE platform = ?', batchPlatform(k))).toBe(
        1 + 2 * IMAGES_PER_BATCH,
      );
      expect(
        count('SELECT count(*) FROM images WHERE reference LIKE ?', `registry.test/crash/batch-${k}:%`),
      ).toBe(IMAGES_PER_BATCH);
      expect(
        count(
          "SELECT count(*) FROM history JOIN images ON images.id = image_id WHERE kind = 'appeared' AND reference LIKE ?",
          `registry.test/crash/batch-${k}:%`,
        ),
      ).toBe(IMAGES_PER_BATCH);
      expect(store.getImage(batchImage(k, IMAGES_PER_BATCH - 1))?.runsOn.edges).toHaveLength(2);

      // The processed transaction: status, result, notes, vulnerabilities, tags, run and history together, or none.
      const image = store.getImage(batchImage(k, 0));
      if (committed.processed.has(k)) expect(image?.status).toBe('done');
      const parts = [
        image?.result === null ? 0 : 1,
        image?.releaseNotes.length === NOTES_PER_RESULT ? 1 : image?.releaseNotes.length === 0 ? 0 : NaN,
        image?.vulnerabilities.length === VULNERABILITIES_PER_RESULT
          ? 1
          : image?.vulnerabilities.length === 0
            ? 0
            : NaN,
        image?.tags.length === TAGS_PER_RESULT ? 1 : image?.tags.length === 0 ? 0 : NaN,
        image?.runs.length,
        image?.history.filter((entry) => entry.kind === 'update-found').length,
      ];
      expect(parts, `batch ${k}`).toEqual(image?.status === 'done' ? [1, 1, 1, 1, 1, 1] : [0, 0, 0, 0, 0, 0]);
    }
    db.close();
    store.close();
  });
});
