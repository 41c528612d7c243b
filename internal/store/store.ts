// The SQLite store: the one owner of what the core knows about images (ARCHITECTURE.md). Open it
// with openStore(path); every method is synchronous (better-sqlite3), every write is one
// transaction, and every failure is a StoreError naming the file and what to do.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { GraphEdge, GraphNode, PlatformId } from '../graph/types.js';
import type { CacheStore } from '../http/types.js';
import { createEnrichmentTables } from './enrichment.js';
import { toStoreError } from './errors.js';
import { createHistoryTable } from './history.js';
import { createHttpCache } from './http-cache.js';
import { createImageDetails } from './image-details.js';
import { createImageList } from './image-list.js';
import { createImagesTable } from './images.js';
import { loadMigrations, migrate } from './migrations.js';
import { createProcessedWriter } from './processed.js';
import { createResultsTable } from './results.js';
import { createRunsTable } from './runs.js';
import { createSettingsTables } from './settings.js';
import { createSummary } from './summary.js';
import type { PlatformChange } from './types.js';
import type { HistoryEntry } from '../model/history.js';
import type { ImageDetails } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';
import type { ImageRule } from '../model/image-rule.js';
import type { Json } from '../model/json.js';
import type { ProcessedImage } from '../model/processed.js';
import type { StoreSummary } from '../model/summary.js';

export interface StoreOptions {
  /** How long a write waits for another connection's lock before failing as `locked` (default 5000). */
  readonly busyTimeoutMs?: number;
  /** The clock for first/last seen, history and settings times (default Date.now). */
  readonly now?: () => number;
}

export interface Store {
  /** The database file, or `:memory:`. */
  readonly path: string;
  /**
   * Replaces everything `platform` reported (nodes, edges, which images it runs) in one
   * transaction. Images are created as `pending`; an image no platform runs any more keeps its
   * data and gets `disappearedAt`. Pass empty lists when a platform is removed.
   */
  replacePlatformGraph(
    platform: PlatformId,
    nodes: readonly GraphNode[],
    edges: readonly GraphEdge[],
  ): PlatformChange;
  /** Every platform whose graph the store holds (watched now, or by an earlier run). */
  platformIds(): PlatformId[];
  /** The scheduler picked the image up. */
  markProcessing(reference: string): void;
  /** Result, tags, enrichment, run record and history of one run, in one transaction. */
  saveProcessed(processed: ProcessedImage): void;
  listImages(query: ListImagesQuery): ImagePage;
  getImage(reference: string): ImageDetails | undefined;
  summary(): StoreSummary;
  /** Newest first. */
  history(query: { readonly since?: number; readonly limit: number }): HistoryEntry[];
  /** The newest `update-found` events. */
  recentUpdates(limit: number): HistoryEntry[];
  /** References that run somewhere, are not being processed, and were last checked at least `olderThanMs` ago (never checked first, then oldest). */
  dueForCheck(olderThanMs: number, limit: number): string[];
  readonly httpCache: CacheStore;
  getSetting(key: string): Json | undefined;
  setSetting(key: string, value: unknown): void;
  listRules(): ImageRule[];
  setRule(pattern: string, rule: unknown): void;
  deleteRule(pattern: string): void;
  close(): void;
}

/** Opens (creating if needed) and migrates the database at `path`, or an in-memory one for `:memory:`. */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  let db: Database.Database | undefined;
  try {
    // 0700: the database holds settings, rules and what runs where; SQLite creates its files 0644.
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    // WAL: readers (the UI) never wait for the pipeline's writes. synchronous=NORMAL is durable
    // against process crashes in WAL mode; a power cut may lose the last commits, never consistency
    // (https://sqlite.org/pragma.html#pragma_synchronous).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, loadMigrations());
    return buildStore(db, path, now);
  } catch (error) {
    db?.close();
    throw toStoreError(path, error);
  }
}

function buildStore(db: Database.Database, path: string, now: () => number): Store {
  const history = createHistoryTable(db, path);
  const images = createImagesTable(db, path, now, history);
  const results = createResultsTable(db, path);
  const enrichment = createEnrichmentTables(db);
  const runs = createRunsTable(db, path);
  const tables = { images, results, enrichment, runs, history };
  const processed = createProcessedWriter(db, tables);
  const imageList = createImageList(db, path);
  const imageDetails = createImageDetails(db, tables);
  const summary = createSummary(db);
  const settings = createSettingsTables(db, path, now);
  const httpCache = createHttpCache(db, path);
  images.requeueInterrupted();

  /** Every public method reports failures as StoreErrors naming this file. */
  function guard<A extends unknown[], R>(method: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      try {
        return method(...args);
      } catch (error) {
        throw toStoreError(path, error);
      }
    };
  }

  return {
    path,
    replacePlatformGraph: guard(images.replacePlatformGraph),
    platformIds: guard(images.platformIds),
    markProcessing: guard(images.markProcessing),
    saveProcessed: guard(processed.save),
    listImages: guard(imageList.list),
    getImage: guard(imageDetails),
    summary: guard(summary),
    history: guard(history.list),
    recentUpdates: guard(history.recentUpdates),
    dueForCheck: guard(images.dueForCheck),
    httpCache: {
      get: guard(httpCache.get),
      set: guard(httpCache.set),
      delete: guard(httpCache.delete),
    },
    getSetting: guard(settings.getSetting),
    setSetting: guard(settings.setSetting),
    listRules: guard(settings.listRules),
    setRule: guard(settings.setRule),
    deleteRule: guard(settings.deleteRule),
    close: guard(() => {
      httpCache.flush();
      db.close();
    }),
  };
}

export { StoreError, type StoreErrorCode } from './errors.js';
export type * from './types.js';
