// The one listener to the bridge's events, and the only place that knows the snapshot + numbered
// patches protocol (docs/api.md "Events"): it fetches a snapshot, hands each part of it to the store
// that owns it, then applies patch N+1 to state N. Any gap in the sequence, a `graph-reset`, or a
// patch that does not fit the graph means "fetch a new snapshot": exactly one fetch at a time, and
// the patches that arrive meanwhile are applied after it (the ones it already covers are skipped).
// Every other event goes to its store as it arrives; those are not numbered, so the newest wins.
import type { ApiEventName, ApiEvents, CupdateBridge, Snapshot } from '../../../internal/api/contract.js';
import { errorMessage } from '../lib/load-state.js';
import type { FindingsStore } from './findings.svelte.js';
import type { GraphStore } from './graph.svelte.js';
import type { ImageChecksStore } from './image-checks.js';
import type { PlatformsStore } from './platforms.svelte.js';
import type { ProgressStore } from './progress.svelte.js';
import type { SummaryStore } from './summary.svelte.js';

/** The stores the live feed keeps current. */
export interface LiveStores {
  /** Where every image runs (snapshot + numbered patches). */
  readonly graph: GraphStore;
  /** Each running image's last check. */
  readonly checks: ImageChecksStore;
  /** The store's counts, the same on every page. */
  readonly summary: SummaryStore;
  /** Running platforms with their status, and what discovery found. */
  readonly platforms: PlatformsStore;
  /** Queue counts and the current scan's progress. */
  readonly progress: ProgressStore;
  /** Recent updates and failed checks. */
  readonly findings: FindingsStore;
}

type GraphPatchEvent = ApiEvents['graph-patch'];

export class LiveFeed {
  readonly #bridge: CupdateBridge;
  readonly #stores: LiveStores;
  /** Where each event goes; a Record, so a new event in the contract cannot be forgotten here. */
  readonly #routes: { readonly [E in ApiEventName]: (event: ApiEvents[E]) => void };
  /** Patches that arrived while a snapshot was being fetched. */
  #buffered: GraphPatchEvent[] = [];
  #fetching = false;
  /** A reason for another snapshot came up during a fetch: the one in flight may predate it. */
  #fetchAgain = false;
  #unsubscribe: (() => void) | undefined;
  #disposed = false;

  constructor(bridge: CupdateBridge, stores: LiveStores) {
    this.#bridge = bridge;
    this.#stores = stores;
    this.#routes = {
      'graph-patch': (event) => this.#onPatch(event),
      'graph-reset': () => void this.refetch(),
      summary: (event) => stores.summary.set(event),
      queue: (event) => stores.progress.replaceAll(event),
      'platform-status': (event) => stores.platforms.statusChanged(event),
      progress: (event) => stores.progress.track(event),
      'image-updated': (event) => {
        stores.checks.updated(event);
        stores.findings.updated(event);
      },
      // The desktop host turns these into OS notifications; the pages follow `image-updated`.
      'updates-found': () => undefined,
    };
  }

  /** Subscribes to the bridge, then fetches the first snapshot. */
  start(): Promise<void> {
    this.#unsubscribe ??= this.#bridge.subscribe((name, event) => {
      (this.#routes[name] as (event: ApiEvents[typeof name]) => void)(event);
    });
    return this.refetch();
  }

  /** Fetches a new snapshot and hands it to the stores (after the one in flight, if any). */
  async refetch(): Promise<void> {
    if (this.#fetching) {
      this.#fetchAgain = true;
      return;
    }
    this.#fetching = true;
    this.#fetchAgain = false;
    let fresh: Snapshot | undefined;
    try {
      fresh = await this.#bridge.invoke('snapshot', {});
    } catch (error) {
      if (!this.#disposed) this.#stores.graph.failed(errorMessage(error));
    } finally {
      this.#fetching = false;
    }
    if (this.#disposed) return;
    if (this.#fetchAgain) return this.refetch();
    const pending = this.#buffered;
    this.#buffered = [];
    // A failed fetch drops them: the next snapshot, whenever it comes, is newer than all of them.
    if (fresh === undefined) return;
    this.#handOut(fresh);
    for (const event of pending) this.#onPatch(event);
  }

  dispose(): void {
    this.#disposed = true;
    this.#unsubscribe?.();
  }

  #handOut(snapshot: Snapshot): void {
    const { graph, checks, summary, platforms, progress } = this.#stores;
    checks.replaceAll(snapshot.images);
    summary.set(snapshot.summary);
    platforms.replaceAll(snapshot.platforms);
    progress.replaceAll(snapshot.queue);
    graph.reset(snapshot.sequence, snapshot.graph);
  }

  #onPatch(event: GraphPatchEvent): void {
    const at = this.#stores.graph.sequence;
    if (this.#fetching || at === null) {
      this.#buffered.push(event);
      // No snapshot, or the last one failed: the core speaks again, so ask again now.
      if (!this.#fetching) void this.refetch();
      return;
    }
    if (event.sequence <= at) return; // already in the snapshot
    if (event.sequence !== at + 1) {
      this.#buffered.push(event); // a gap: a message was missed
      void this.refetch();
      return;
    }
    try {
      this.#stores.graph.apply(event.sequence, event.patches);
    } catch (error) {
      // It does not fit what we hold, so something was missed: start over from a snapshot.
      console.warn(`graph patch ${event.sequence} did not apply; fetching a new snapshot`, error);
      void this.refetch();
    }
  }
}
