// The writer the crash test kills: it writes numbered batches through the store in a loop until
// it is killed, printing a line before each write and after each commit. Usage: node --import tsx crash-writer.ts <db>
//
// Batch k is two transactions, each checkable as a whole afterwards:
//   graph k     — replacePlatformGraph('static:batch-k', 300 images in 300 containers)
//   processed k — saveProcessed of the first of those images with 100 notes, 100 vulnerabilities, 50 tags
import Database from 'better-sqlite3';
import { openStore } from '../../internal/store/store.js';
import { dockerGraph, processedDone } from '../../internal/store/testing/sample-data.js';

export const IMAGES_PER_BATCH = 300;
export const NOTES_PER_RESULT = 100;
export const VULNERABILITIES_PER_RESULT = 100;
export const TAGS_PER_RESULT = 50;

export const batchPlatform = (k: number): string => `static:batch-${k}`;
export const batchImage = (k: number, i: number): string => `registry.test/crash/batch-${k}:${i}`;

/** The next batch number: one past the highest platform a previous (killed) writer committed. */
function nextBatch(path: string): number {
  const db = new Database(path, { readonly: true });
  const platforms = db
    .prepare<[], { platform: string }>(
      "SELECT DISTINCT platform FROM graph_nodes WHERE platform LIKE 'static:batch-%'",
    )
    .all();
  db.close();
  return Math.max(0, ...platforms.map((row) => Number(row.platform.slice('static:batch-'.length)))) + 1;
}

function run(path: string): void {
  const store = openStore(path);
  for (let k = nextBatch(path); ; k++) {
    const references = Array.from({ length: IMAGES_PER_BATCH }, (_, i) => batchImage(k, i));
    const { nodes, edges } = dockerGraph(batchPlatform(k), references);
    process.stdout.write(`begin graph ${k}\n`);
    store.replacePlatformGraph(batchPlatform(k), nodes, edges);
    process.stdout.write(`committed graph ${k}\n`);
    const first = references[0] ?? '';
    process.stdout.write(`begin processed ${k}\n`);
    store.saveProcessed({
      ...processedDone(first, 'major', {
        at: k,
        notes: NOTES_PER_RESULT,
        vulnerabilities: VULNERABILITIES_PER_RESULT,
      }),
      tags: Array.from({ length: TAGS_PER_RESULT }, (_, t) => `tag-${t}`),
      history: [{ kind: 'update-found', details: { batch: k } }],
    });
    process.stdout.write(`committed processed ${k}\n`);
  }
}

const path = process.argv[2];
if (path !== undefined && process.argv[1]?.endsWith('crash-writer.ts')) run(path);
