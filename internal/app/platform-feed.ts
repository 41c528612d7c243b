// Turns platform events into the core's state: a `graph` replaces that platform's graph, a `patch`
// changes it, and either way the platform's images are written to the store (one transaction) and
// the images that appeared are handed on for scheduling. A platform's fault (a dangling edge, a
// store write refused) degrades that platform with the reason; it never crashes the core.
import type { PlatformId } from '../graph/types.js';
import type { Platform, PlatformEvent, PlatformStatus } from '../platform/platform.js';
import type { Store } from '../store/store.js';
import type { AppEmitter } from './events.js';
import type { PlatformGraphs } from './platform-graphs.js';
import { messageOf } from '../model/message-of.js';

export interface PlatformFeedDeps {
  readonly graphs: PlatformGraphs;
  readonly store: Store;
  readonly events: AppEmitter;
  /** Called after a platform's images were saved, with the references that run nowhere else before. */
  readonly imagesChanged: (appeared: readonly string[]) => void;
}

export interface PlatformInfo {
  readonly id: PlatformId;
  readonly type: string;
  readonly status: PlatformStatus;
}

export class PlatformFeed {
  readonly #deps: PlatformFeedDeps;
  #platforms: readonly Platform[];
  readonly #statuses = new Map<PlatformId, PlatformStatus>();
  /** Platforms removed while their last events may still be on the way (by instance: the id may come back). */
  readonly #removed = new WeakSet<Platform>();
  #sequence = 0;
  #closed = false;

  constructor(platforms: readonly Platform[], deps: PlatformFeedDeps) {
    this.#platforms = platforms;
    this.#deps = deps;
  }

  /** The emit callback to start `platform` with. */
  emitterFor(platform: Platform): (event: PlatformEvent) => void {
    return (event) => {
      if (!this.#closed && !this.#removed.has(platform)) this.#handle(platform.id, event);
    };
  }

  info(): PlatformInfo[] {
    return this.#platforms.map((platform) => ({
      id: platform.id,
      type: platform.type,
      status: this.#statuses.get(platform.id) ?? { state: 'connecting' },
    }));
  }

  /** The platforms info() lists, in this order, from now on. */
  setPlatforms(platforms: readonly Platform[]): void {
    this.#platforms = platforms;
  }

  status(platform: PlatformId): PlatformStatus | undefined {
    return this.#statuses.get(platform);
  }

  /**
   * A platform is no longer watched: its graph leaves the merged graph (as patches), the store
   * (its images that run nowhere else become `disappeared`), and info(). Its events are ignored.
   */
  remove(platform: Platform): void {
    this.#removed.add(platform);
    this.#statuses.delete(platform.id);
    this.#platforms = this.#platforms.filter((candidate) => candidate !== platform);
    this.#apply(platform.id, { type: 'graph', nodes: [], edges: [] });
    this.#deps.graphs.forget(platform.id);
  }

  /** What the store still holds of a platform no one watches (a previous run's): it runs nowhere now. */
  forget(platform: PlatformId): void {
    this.#deps.store.replacePlatformGraph(platform, [], []);
  }

  /** Further events are dropped (the store is about to close). */
  close(): void {
    this.#closed = true;
  }

  /** Records a status and tells the hosts. */
  setStatus(platform: PlatformId, status: PlatformStatus): void {
    this.#statuses.set(platform, status);
    this.#deps.events.emit('platform-status', { platform, status });
  }

  #handle(platform: PlatformId, event: PlatformEvent): void {
    if (event.type === 'status') return this.setStatus(platform, event.status);
    this.#apply(platform, event);
  }

  #apply(platform: PlatformId, event: Exclude<PlatformEvent, { type: 'status' }>): void {
    const { graphs, events } = this.#deps;
    try {
      if (event.type === 'graph') {
        const patches = graphs.replace(platform, event.nodes, event.edges);
        if (patches.length > 0) events.emit('graph-patch', { sequence: ++this.#sequence, platform, patches });
      } else {
        graphs.patch(platform, event.patches);
        events.emit('graph-patch', { sequence: ++this.#sequence, platform, patches: event.patches });
      }
      this.#save(platform);
    } catch (error) {
      this.setStatus(platform, {
        state: 'degraded',
        reason: `its ${event.type} could not be taken in: ${messageOf(error)}`,
      });
    }
  }

  #save(platform: PlatformId): void {
    const graph = this.#deps.graphs.graphOf(platform);
    if (graph === undefined) return;
    const change = this.#deps.store.replacePlatformGraph(platform, [...graph.nodes()], [...graph.edges()]);
    this.#deps.imagesChanged(change.appeared);
  }
}
