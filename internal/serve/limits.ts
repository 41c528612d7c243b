// How much of the server one client may hold. Node's defaults let a client that sends its body a
// byte at a time keep a connection for 300 s (requestTimeout), with no cap on connections, and an
// event stream whose client never reads buffers every event in memory: 200 such clients took the
// process from 306 to 663 MB (issue 15). bench/serve-sse.bench.ts prints what the bounds hold.
export interface ServeLimits {
  /** The whole header block must arrive within this (Node's `server.headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (`server.requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** Open connections at once, event streams included; more are closed on arrival. */
  readonly maxConnections: number;
  /** Open event streams at once; more are answered 503, so API calls keep their connections. */
  readonly maxEventStreams: number;
  /**
   * Event bytes waiting for a client to read. Checked before each event is written, so one large
   * patch still goes out whole; a client behind by more is dropped, and its EventSource reconnects
   * and fetches a snapshot (docs/api.md: a gap means a new snapshot).
   */
  readonly maxBufferedEventBytes: number;
}

export const SERVE_LIMITS: ServeLimits = {
  headersTimeoutMs: 10_000,
  // A 1 MiB body (api-route.ts MAX_BODY_BYTES) in 30 s is 35 kB/s: any real client, even over a tunnel.
  requestTimeoutMs: 30_000,
  maxConnections: 64,
  maxEventStreams: 32,
  maxBufferedEventBytes: 256 * 1024,
};
