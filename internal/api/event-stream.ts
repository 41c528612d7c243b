// One connected client's view of the session's events: the host gives a `send` that writes to its
// transport (an SSE response, a webContents) and disposes the stream when the client goes away. A
// client whose `send` throws is disposed, so one broken connection never disturbs the others.
import type { ApiEventName, ApiEvents } from './contract.js';
import type { ApiListener } from './live-events.js';

/** What a stream reads from: the session (or anything else with the same events). */
export interface ApiEventSource {
  subscribe(listener: ApiListener): () => void;
}

export type EventSender = <E extends ApiEventName>(name: E, event: ApiEvents[E]) => void;

export interface EventStream {
  readonly disposed: boolean;
  dispose(): void;
}

export function createEventStream(source: ApiEventSource, send: EventSender): EventStream {
  let disposed = false;
  const unsubscribe = source.subscribe((name, event) => {
    try {
      send(name, event);
    } catch {
      stream.dispose();
    }
  });
  const stream: EventStream = {
    get disposed() {
      return disposed;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
    },
  };
  return stream;
}

/** The size of one event as it travels: its name and its JSON (the SSE and IPC payload). */
export function eventBytes<E extends ApiEventName>(name: E, event: ApiEvents[E]): number {
  return Buffer.byteLength(name) + Buffer.byteLength(JSON.stringify(event));
}

export interface EventSizes {
  readonly events: number;
  readonly totalBytes: number;
  readonly meanBytes: number;
  readonly maxBytes: number;
}

/**
 * Subscribes to `source` and measures every event until `stop()` is called: for bench/ (bytes per
 * event of a burst) and tests.
 */
export function measureEvents(source: ApiEventSource): {
  stop(): EventSizes;
  readonly names: ApiEventName[];
} {
  const sizes: number[] = [];
  const names: ApiEventName[] = [];
  const stream = createEventStream(source, (name, event) => {
    names.push(name);
    sizes.push(eventBytes(name, event));
  });
  return {
    names,
    stop() {
      stream.dispose();
      const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
      return {
        events: sizes.length,
        totalBytes,
        meanBytes: sizes.length === 0 ? 0 : Math.round(totalBytes / sizes.length),
        maxBytes: Math.max(0, ...sizes),
      };
    },
  };
}
