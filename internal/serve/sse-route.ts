// `GET /api/events`: the session's events as Server-Sent Events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html): `event: <name>` and one
// `data:` line of JSON per event; graph patches and resets carry their sequence as the `id:`. A
// comment line every heartbeat keeps proxies from closing an idle stream. The stream ends when the
// client goes away, falls too far behind (limits.ts), or the server stops.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEventName, ApiEvents } from '../api/contract.js';
import { createEventStream, type ApiEventSource } from '../api/event-stream.js';

export interface SseOptions {
  readonly heartbeatMs: number;
  /** A client with more than this waiting unread is dropped (ServeLimits.maxBufferedEventBytes). */
  readonly maxBufferedBytes: number;
  /** Called with the function that ends this stream; it is removed when the stream ends. */
  readonly track: (end: () => void) => () => void;
}

/** One event as SSE text. JSON never contains a raw newline, so one `data:` line holds it all. */
export function sseFrame<E extends ApiEventName>(name: E, event: ApiEvents[E]): string {
  const id =
    name === 'graph-patch' || name === 'graph-reset'
      ? `id: ${(event as { sequence: number }).sequence}\n`
      : '';
  return `event: ${name}\n${id}data: ${JSON.stringify(event)}\n\n`;
}

export function handleEvents(
  source: ApiEventSource,
  request: IncomingMessage,
  response: ServerResponse,
  options: SseOptions,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx and friends must not buffer the stream
  });
  // A reconnecting EventSource waits this long; then the client fetches a snapshot anyway.
  response.write('retry: 1000\n\n');
  /** Writes unless the client is too far behind; then drops it, freeing what it left unread. */
  const write = (text: string) => {
    if (response.writableLength > options.maxBufferedBytes) response.destroy();
    else response.write(text);
  };
  const stream = createEventStream(source, (name, event) => write(sseFrame(name, event)));
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
  let untrack = () => {};
  const end = () => {
    clearInterval(heartbeat);
    stream.dispose();
    untrack();
    if (!response.writableEnded) response.end();
  };
  untrack = options.track(end);
  request.on('close', end);
  response.on('error', end);
}
