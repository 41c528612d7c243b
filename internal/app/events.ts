// The events the core emits for its hosts (Electron IPC, HTTP + SSE, the CLI), with their types.
import type { GraphPatch, PlatformId } from '../graph/types.js';
import type { PlatformStatus } from '../platform/platform.js';
import type { ProgressEvent } from '../scheduler/scheduler.js';
import type { ImageStatus, UpdateKind } from '../model/image.js';
import { messageOf } from '../model/message-of.js';

/** What changed about one image, enough to redraw its row. */
export interface ImageSummary {
  readonly status: Extract<ImageStatus, 'done' | 'failed'>;
  readonly kind: UpdateKind | null;
  readonly latestReference: string | null;
  readonly error: string | null;
}

export interface AppEvents {
  /** A platform's graph changed. `sequence` counts every patch event: a gap means "fetch graph()". */
  readonly 'graph-patch': {
    readonly sequence: number;
    readonly platform: PlatformId;
    readonly patches: readonly GraphPatch[];
  };
  readonly 'platform-status': { readonly platform: PlatformId; readonly status: PlatformStatus };
  /** The scheduler's queue: queued, running, done, failed. */
  readonly progress: ProgressEvent;
  /** An image's check was saved. */
  readonly 'image-updated': { readonly reference: string; readonly summary: ImageSummary };
  /** Images that have an update they did not have before (for notifications). */
  readonly 'updates-found': { readonly references: readonly string[] };
}

export type AppEventName = keyof AppEvents;
export type AppListener<K extends AppEventName> = (event: AppEvents[K]) => void;

/** A typed event emitter whose listeners cannot break the core: a throwing one becomes a warning. */
export class AppEmitter {
  readonly #listeners = new Map<AppEventName, Set<(event: never) => void>>();

  on<K extends AppEventName>(name: K, listener: AppListener<K>): () => void {
    let set = this.#listeners.get(name);
    if (set === undefined) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends AppEventName>(name: K, event: AppEvents[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as AppListener<K>)(event);
      } catch (error) {
        process.emitWarning(`an "${name}" listener threw: ${messageOf(error)}`);
      }
    }
  }
}
