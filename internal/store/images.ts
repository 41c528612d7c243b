// Images and where they run: each platform's graph is replaced in one transaction, and the images
// it references are created, refreshed, or marked as gone when no platform runs them any more.
import type { Database } from 'better-sqlite3';
import type { GraphEdge, GraphNode, PlatformId } from '../graph/types.js';
import { StoreError } from './errors.js';
import { MAX_PAGE, requireWholeNumber } from './input-checks.js';
import { parseJson, toJsonText } from './json.js';
import type { PlatformChange } from './types.js';
import type { ImageLocations } from '../model/image.js';
import type { HistoryWriter } from './history.js';

interface ImageStateRow {
  readonly id: number;
  readonly disappeared_at: number | null;
}
interface ReferenceRow {
  readonly id: number;
  readonly reference: string;
}

export interface ImagesTable {
  replacePlatformGraph(
    platform: PlatformId,
    nodes: readonly GraphNode[],
    edges: readonly GraphEdge[],
  ): PlatformChange;
  /** The image row id, or a StoreError naming the reference when the store has never seen it. */
  requireId(reference: string): number;
  markProcessing(reference: string): void;
  dueForCheck(olderThanMs: number, limit: number): string[];
  /** Images left `processing` by a process that stopped mid-run go back to `pending`. */
  requeueInterrupted(): void;
  locations(imageId: number): ImageLocations;
  /** Every platform the store holds a graph of. */
  platformIds(): PlatformId[];
}

export function createImagesTable(
  db: Database,
  path: string,
  now: () => number,
  history: HistoryWriter,
): ImagesTable {
  const referencesOfPlatform = db.prepare<[string], ReferenceRow>(
    `SELECT DISTINCT images.id, images.reference FROM graph_nodes JOIN images ON images.id = graph_nodes.image_id
      WHERE graph_nodes.platform = ?`,
  );
  const deletePlatformNodes = db.prepare<[string]>('DELETE FROM graph_nodes WHERE platform = ?');
  const imageState = db.prepare<[string], ImageStateRow>(
    'SELECT id, disappeared_at FROM images WHERE reference = ?',
  );
  const upsertImage = db.prepare<[string, number, number], { readonly id: number }>(
    `INSERT INTO images (reference, first_seen, last_seen) VALUES (?, ?, ?)
     ON CONFLICT (reference) DO UPDATE SET last_seen = excluded.last_seen, disappeared_at = NULL
     RETURNING id`,
  );
  const insertNode = db.prepare<[string, string, string, number | null, string]>(
    'INSERT INTO graph_nodes (id, platform, kind, image_id, node) VALUES (?, ?, ?, ?, ?)',
  );
  const insertEdge = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO graph_edges (from_id, to_id) VALUES (?, ?)',
  );
  const stillRuns = db.prepare<[number], { readonly one: 1 }>(
    'SELECT 1 AS one FROM graph_nodes WHERE image_id = ? LIMIT 1',
  );
  const markDisappeared = db.prepare<[number, number]>('UPDATE images SET disappeared_at = ? WHERE id = ?');
  const idOf = db.prepare<[string], { readonly id: number }>('SELECT id FROM images WHERE reference = ?');
  const setProcessing = db.prepare<[number]>(
    "UPDATE images SET status = 'processing', error = NULL WHERE id = ?",
  );
  const due = db.prepare<[number, number], { readonly reference: string }>(
    `SELECT reference FROM images
      WHERE disappeared_at IS NULL AND status <> 'processing' AND (last_processed IS NULL OR last_processed <= ?)
      ORDER BY last_processed ASC NULLS FIRST, first_seen ASC, id ASC
      LIMIT ?`,
  );
  const platforms = db.prepare<[], { readonly platform: string }>(
    'SELECT DISTINCT platform FROM graph_nodes ORDER BY platform',
  );
  // A run that was interrupted never wrote its error: the image is pending again, not failed.
  const requeue = db.prepare("UPDATE images SET status = 'pending' WHERE status = 'processing'");
  const nodesAbove = db.prepare<[number], { readonly node: string }>(
    `WITH RECURSIVE above (id) AS (
       SELECT id FROM graph_nodes WHERE image_id = ?
       UNION
       SELECT graph_edges.to_id FROM graph_edges JOIN above ON graph_edges.from_id = above.id
     )
     SELECT graph_nodes.node FROM graph_nodes JOIN above USING (id) ORDER BY graph_nodes.id`,
  );
  const edgesAbove = db.prepare<[number], { readonly from_id: string; readonly to_id: string }>(
    `WITH RECURSIVE above (id) AS (
       SELECT id FROM graph_nodes WHERE image_id = ?
       UNION
       SELECT graph_edges.to_id FROM graph_edges JOIN above ON graph_edges.from_id = above.id
     )
     SELECT from_id, to_id FROM graph_edges WHERE from_id IN above ORDER BY from_id, to_id`,
  );

  function checkGraph(platform: PlatformId, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): void {
    const ids = new Set<string>();
    for (const node of nodes) {
      if (node.platform !== platform) {
        throw new StoreError(
          'invalid-input',
          path,
          `graph node ${node.id} belongs to platform ${node.platform}, not ${platform}; pass each platform's nodes with its own id`,
        );
      }
      if (ids.has(node.id)) {
        throw new StoreError(
          'invalid-input',
          path,
          `graph node ${node.id} of platform ${platform} is listed twice; node ids must be unique`,
        );
      }
      ids.add(node.id);
    }
    for (const edge of edges) {
      if (!ids.has(edge.from) || !ids.has(edge.to)) {
        throw new StoreError(
          'invalid-input',
          path,
          `graph edge ${edge.from} → ${edge.to} of platform ${platform} names a node that is not in the graph; pass both ends`,
        );
      }
    }
  }

  const replace = db.transaction(
    (platform: PlatformId, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): PlatformChange => {
      const at = now();
      const before = referencesOfPlatform.all(platform);
      deletePlatformNodes.run(platform);
      const appeared: string[] = [];
      const imageIds = new Map<string, number>();
      for (const node of nodes) {
        if (node.kind !== 'image' || node.reference === undefined || imageIds.has(node.reference)) continue;
        const state = imageState.get(node.reference);
        if (state === undefined || state.disappeared_at !== null) appeared.push(node.reference);
        const row = upsertImage.get(node.reference, at, at);
        if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
        imageIds.set(node.reference, row.id);
      }
      for (const node of nodes) {
        const imageId =
          node.kind === 'image' && node.reference !== undefined ? imageIds.get(node.reference) : undefined;
        insertNode.run(
          node.id,
          platform,
          node.kind,
          imageId ?? null,
          toJsonText(path, `graph node ${node.id}`, node),
        );
      }
      for (const edge of edges) insertEdge.run(edge.from, edge.to);
      const disappeared: string[] = [];
      for (const { id, reference } of before) {
        if (imageIds.has(reference) || stillRuns.get(id) !== undefined) continue;
        markDisappeared.run(at, id);
        history.record(id, 'disappeared', at, { platform });
        disappeared.push(reference);
      }
      for (const reference of appeared) {
        const id = imageIds.get(reference);
        if (id !== undefined) history.record(id, 'appeared', at, { platform });
      }
      return { appeared, disappeared };
    },
  );

  function requireId(reference: string): number {
    const row = idOf.get(reference);
    if (row === undefined) {
      throw new StoreError(
        'invalid-input',
        path,
        `image ${reference} is not in the store; it must be reported by a platform graph before it is processed`,
      );
    }
    return row.id;
  }

  return {
    replacePlatformGraph(platform, nodes, edges) {
      checkGraph(platform, nodes, edges);
      return replace.immediate(platform, nodes, edges);
    },
    requireId,
    markProcessing(reference) {
      setProcessing.run(requireId(reference));
    },
    dueForCheck(olderThanMs, limit) {
      const minimumAge = requireWholeNumber(
        path,
        'dueForCheck olderThanMs',
        olderThanMs,
        0,
        Number.MAX_SAFE_INTEGER,
      );
      const count = requireWholeNumber(path, 'dueForCheck limit', limit, 1, MAX_PAGE);
      return due.all(now() - minimumAge, count).map((row) => row.reference);
    },
    requeueInterrupted() {
      requeue.run();
    },
    platformIds() {
      return platforms.all().map((row) => row.platform);
    },
    locations(imageId) {
      return {
        nodes: nodesAbove.all(imageId).map((row) => parseJson(row.node) as unknown as GraphNode),
        edges: edgesAbove.all(imageId).map((row) => ({ from: row.from_id, to: row.to_id })),
      };
    },
  };
}
