// The renderer's one way to the core: transport only, no state. In the desktop app the preload
// script exposes the contract as `window.cupdate` (Electron IPC); in a browser talking to
// `cupdate serve` the same calls go over `POST /api/<method>` and the events arrive over
// Server-Sent Events from `/api/events`. What the events mean is the stores' business
// (stores/live-feed.ts keeps the snapshot + numbered patches model of docs/api.md).
import type {
  ApiErrorBody,
  ApiEventName,
  ApiEvents,
  ApiMethod,
  ApiParams,
  ApiResult,
  CupdateBridge,
} from '../../../internal/api/contract.js';

declare global {
  interface Window {
    cupdate?: CupdateBridge;
  }
}

type Listener = Parameters<CupdateBridge['subscribe']>[0];

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
