// The simplest platform: a file listing image references, for images that run somewhere Cupdate
// cannot see (or to check a list in CI). The file is watched: editing it updates the graph.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Graph, diff } from '../../graph/graph.js';
import type { GraphEdge, GraphNode, PlatformId } from '../../graph/types.js';
import type { Platform, PlatformEvent, PlatformStatus } from '../platform.js';
import { parseStaticList } from './static-list.js';
import { messageOf } from '../../model/message-of.js';
import { staticPlatformId } from './static-descriptor.js';

/** How long to wait after a change event before re-reading: editors write files in several steps. */
const SETTLE_MS = 50;

export class StaticPlatform implements Platform {
  readonly type = 'static';
  readonly id: PlatformId;
  readonly #path: string;
  #graph = new Graph();
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(path: string) {
    this.#path = resolve(path);
    this.id = staticPlatformId(this.#path);
  }

  async start(emit: (event: PlatformEvent) => void, signal: AbortSignal): Promise<void> {
    const status = (s: PlatformStatus) => emit({ type: 'status', status: s });
    status({ state: 'connecting' });
    const first = await this.#read();
    this.#graph = first.graph;
    emit({ type: 'graph', nodes: [...first.graph.nodes()], edges: [...first.graph.edges()] });
    status(first.status);
    if (signal.aborted) return;
    // Watch the directory, not the file: editors replace the file by renaming a new one over it,
    // which ends a watch on the old inode.
    const name = basename(this.#path);
    this.#watcher = watch(dirname(this.#path), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#reload(emit), SETTLE_MS);
    });
    this.#watcher.on('error', (error) =>
      status({ state: 'degraded', reason: `cannot watch ${this.#path}: ${error.message}` }),
    );
    signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  async #reload(emit: (event: PlatformEvent) => void): Promise<void> {
    if (this.#watcher === undefined) return;
    const next = await this.#read();
    const patches = diff(this.#graph, next.graph);
    this.#graph = next.graph;
    if (patches.length > 0) emit({ type: 'patch', patches });
    emit({ type: 'status', status: next.status });
  }

  /** Reads the list into a graph, with the status it implies. */
  async #read(): Promise<{ graph: Graph; status: PlatformStatus }> {
    const root: GraphNode = {
      id: this.id,
      kind: 'static-list',
      platform: this.id,
      name: basename(this.#path),
      path: this.#path,
    };
    let content: string;
    try {
      content = await readFile(this.#path, 'utf8');
    } catch (error) {
      const reason = `cannot read the image list ${this.#path}: ${messageOf(error)}. Create it with one image reference per line.`;
      return { graph: Graph.from([root], []), status: { state: 'failed', reason } };
    }
    const list = parseStaticList(content);
    const images: GraphNode[] = list.entries.map((entry) => ({
      id: `${this.id}/image/${entry.reference}`,
      kind: 'image',
      platform: this.id,
      name: entry.reference,
      reference: entry.reference,
    }));
    const edges: GraphEdge[] = images.map((image) => ({ from: image.id, to: root.id }));
    const graph = Graph.from([root, ...images], edges);
    if (list.problems.length === 0) return { graph, status: { state: 'live' } };
    // Line numbers only, never the lines: every API client reads this status, and the file may
    // hold something that is not a list of images (docs/security.md).
    const lines = list.problems.map((p) => p.line).join(', ');
    return {
      graph,
      status: {
        state: 'degraded',
        reason: `${this.#path} has lines that are not image references (${list.problems.length === 1 ? 'line' : 'lines'} ${lines}); write one reference per line, like "nginx:1.25" or "ghcr.io/org/app:1.2"`,
        problems: list.problems.map(({ line }) => ({ line })),
      },
    };
  }
}
