// The renderer's one way to the core. In the desktop app the preload script exposes the contract
// as `window.cupdate` (Electron IPC); in a browser talking to `cupdate serve` the same calls go over
// `POST /api/<method>` and the events arrive over Server-Sent Events from `/api/events`.
// `createLiveState` keeps the snapshot + numbered patches model of docs/api.md: patches apply in
// sequence order, and any gap or reset means "fetch a new snapshot".
import type {
  ApiErrorBody,
  ApiEventName,
  ApiEvents,
  ApiMethod,
  ApiParams,
  ApiResult,
  CupdateBridge,
  Snapshot,
} from '../../../internal/api/contract.js';
import type { GraphLiveSource, ImageUpdateState, LiveChange } from '../graph/types.js';

declare global {
  interface Window {
    cupdate?: CupdateBridge;
  }
}

type Listener = Parameters<CupdateBridge['subscribe']>[0];
type GraphNode = Snapshot['graph']['nodes'][number];
type GraphEdge = Snapshot['graph']['edges'][number];
type GraphPatch = ApiEvents['graph-patch']['patches'][number];

/** A failed call, shaped like the core's ApiErrorBody so pages can show its message. */
export class BridgeError extends Error implements ApiErrorBody {
  override readonly name = 'BridgeError';
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every event name, so the HTTP bridge can listen for each (a Record: a new event cannot be forgotten). */
const EVENT_NAMES = Object.keys({
  'graph-patch': true,
  'graph-reset': true,
  summary: true,
  queue: true,
  'platform-status': true,
  progress: true,
  'image-updated': true,
  'updates-found': true,
} satisfies Record<ApiEventName, true>) as ApiEventName[];

export interface HttpBridgeOptions {
  /** Default: this page's origin. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly EventSource?: typeof EventSource;
  /** How long to wait before reopening an event stream the browser gave up on. Default 2 s. */
  readonly reconnectMs?: number;
}

let defaultBridge: CupdateBridge | undefined;

/** The Electron bridge when the preload script installed it, else the HTTP one. */
export function getBridge(): CupdateBridge {
  return window.cupdate ?? (defaultBridge ??= createHttpBridge());
}

export function createHttpBridge(options: HttpBridgeOptions = {}): CupdateBridge {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const listeners = new Set<Listener>();
  let source: EventSource | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let interrupted = false;
  let lastSequence = 0;

  const deliver = <E extends ApiEventName>(name: E, event: ApiEvents[E]) => {
    if (name === 'graph-patch' || name === 'graph-reset')
      lastSequence = (event as { sequence: number }).sequence;
    for (const listener of [...listeners]) listener(name, event);
  };

  const open = () => {
    // Looked up when first needed: a page that only invokes works where EventSource is missing.
    const Source = options.EventSource ?? EventSource;
    const stream = new Source(`${base}/api/events`);
    source = stream;
    stream.addEventListener('open', () => {
      // Events sent while the stream was down are lost: tell the listeners to start over.
      if (interrupted) deliver('graph-reset', { sequence: lastSequence });
      interrupted = false;
    });
    stream.addEventListener('error', () => {
      interrupted = true;
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. a 403 or a restart).
      if (stream.readyState === Source.CLOSED) {
        stream.close();
        reconnectTimer = setTimeout(open, options.reconnectMs ?? 2000);
      }
    });
    for (const name of EVENT_NAMES) {
      stream.addEventListener(name, (message) => {
        const data = (message as MessageEvent<string>).data;
        deliver(name, JSON.parse(data) as ApiEvents[typeof name]);
      });
    }
  };

  const close = () => {
    clearTimeout(reconnectTimer);
    source?.close();
    source = undefined;
  };

  return {
    async invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(params),
        });
      } catch (cause) {
        throw new BridgeError(
          'unavailable',
          `the Cupdate server cannot be reached (${method}); is it still running?`,
          { cause },
        );
      }
      const body = (await response.json().catch(() => undefined)) as unknown;
      if (response.ok) return body as ApiResult<M>;
      const error = body as Partial<ApiErrorBody> | undefined;
      throw new BridgeError(
        error?.code ?? 'internal',
        error?.message ?? `${method} failed with HTTP ${response.status}`,
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      if (source === undefined && reconnectTimer === undefined) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
  };
}

/**
 * The snapshot kept current from the bridge's events; the graph view reads it through the narrow
 * GraphLiveSource (graph/types.ts).
 */
export interface LiveState extends GraphLiveSource {
  /** Why the last snapshot could not be fetched, if it could not. */
  readonly error: BridgeError | undefined;
  dispose(): void;
}

/** Holds the snapshot and keeps it current from the bridge's events. */
export function createLiveState(bridge: CupdateBridge): LiveState {
  const listeners = new Set<(change: LiveChange) => void>();
  const imageUpdates = new Map<string, ImageUpdateState>();
  let snapshot: Snapshot | null = null;
  let error: BridgeError | undefined;
  let nodes = new Map<string, GraphNode>();
  let edges = new Map<string, GraphEdge>();
  /** Patches that arrived while a snapshot was being fetched. */
  let buffered: ApiEvents['graph-patch'][] = [];
  let fetching = false;
  let refetchAgain = false;
  let disposed = false;

  const changed = (next: Snapshot, change: LiveChange) => {
    snapshot = next;
    for (const listener of [...listeners]) listener(change);
  };

  const refetch = async () => {
    if (fetching) {
      refetchAgain = true;
      return;
    }
    fetching = true;
    try {
      const fresh = await bridge.invoke('snapshot', {});
      if (disposed) return;
      error = undefined;
      nodes = new Map(fresh.graph.nodes.map((node) => [node.id, node]));
      edges = new Map(fresh.graph.edges.map((edge) => [edgeKey(edge), edge]));
      // Images checked before this page loaded: known from the snapshot, not from events.
      imageUpdates.clear();
      for (const { reference, kind, error: failure } of fresh.images) {
        imageUpdates.set(reference, { kind, error: failure });
      }
      changed(fresh, { type: 'snapshot' });
    } catch (caught) {
      error =
        caught instanceof BridgeError
          ? caught
          : new BridgeError('unavailable', String(caught), { cause: caught });
    } finally {
      fetching = false;
    }
    const pending = buffered;
    buffered = [];
    if (refetchAgain) {
      refetchAgain = false;
      void refetch();
      return;
    }
    for (const event of pending) onPatch(event);
  };

  const onPatch = (event: ApiEvents['graph-patch']) => {
    if (fetching || snapshot === null) {
      buffered.push(event);
      if (!fetching) void refetch(); // the first snapshot failed: try again now that the core speaks
      return;
    }
    if (event.sequence <= snapshot.sequence) return; // already in the snapshot
    if (event.sequence !== snapshot.sequence + 1) {
      void refetch(); // a gap: a message was missed
      return;
    }
    for (const patch of event.patches) applyPatch(nodes, edges, patch);
    const graph = { nodes: [...nodes.values()], edges: [...edges.values()] };
    changed(
      { ...snapshot, sequence: event.sequence, graph },
      { type: 'graph-patch', patches: event.patches },
    );
  };

  const unsubscribe = bridge.subscribe((name, event) => {
    if (name === 'graph-patch') onPatch(event as ApiEvents['graph-patch']);
    else if (name === 'graph-reset') void refetch();
    else if (name === 'image-updated') {
      const { reference, kind, error: failure } = event as ApiEvents['image-updated'];
      imageUpdates.set(reference, { kind, error: failure });
      if (snapshot !== null) changed(snapshot, { type: 'image-updated', reference });
    } else if (snapshot !== null && !fetching) {
      // Kept current for readers of `snapshot`; the graph does not change, so no listener is told.
      if (name === 'summary') snapshot = { ...snapshot, summary: event as ApiEvents['summary'] };
      if (name === 'platform-status') {
        const { platform, status } = event as ApiEvents['platform-status'];
        const platforms = snapshot.platforms.map((view) =>
          view.id === platform ? { ...view, status } : view,
        );
        snapshot = { ...snapshot, platforms };
      }
    }
  });
  void refetch();

  return {
    get snapshot() {
      return snapshot;
    },
    get error() {
      return error;
    },
    imageUpdates,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      unsubscribe();
      listeners.clear();
    },
  };
}

function edgeKey(edge: GraphEdge): string {
  return JSON.stringify([edge.from, edge.to]);
}

function applyPatch(nodes: Map<string, GraphNode>, edges: Map<string, GraphEdge>, patch: GraphPatch): void {
  switch (patch.op) {
    case 'add-node':
    case 'update-node':
      nodes.set(patch.node.id, patch.node);
      break;
    case 'remove-node':
      nodes.delete(patch.id);
      break;
    case 'add-edge':
      edges.set(edgeKey(patch.edge), patch.edge);
      break;
    case 'remove-edge':
      edges.delete(edgeKey(patch.edge));
      break;
  }
}
