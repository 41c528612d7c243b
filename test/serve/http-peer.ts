// A plain HTTP client for the serve tests: raw paths (no URL normalization, to test traversal),
// any Host/Origin header, and an SSE reader that collects every event of /api/events.
import { request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface SseEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: unknown;
}

export interface SseReader {
  readonly events: SseEvent[];
  /** Comment lines (heartbeats) seen so far. */
  readonly comments: () => number;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** The header that carries a serve host's access token (internal/serve/access-token.ts). */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Opens /api/events and parses the stream as the SSE spec says (event, id, data, comments). */
export function readEvents(port: number, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    let comments = 0;
    const req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { Accept: 'text/event-stream', ...headers } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`/api/events answered ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          buffer += text;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = new Map<string, string>();
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments++;
              else if (line.includes(': '))
                fields.set(line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2));
            }
            const data = fields.get('data');
            if (fields.has('event') && data !== undefined) {
              events.push({
                event: fields.get('event') ?? '',
                id: fields.get('id'),
                data: JSON.parse(data) as unknown,
              });
            }
          }
        });
        const ended = new Promise<void>((done) => res.on('close', () => done()));
        resolve({ events, comments: () => comments, ended, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
