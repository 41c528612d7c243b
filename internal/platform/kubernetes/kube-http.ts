// GET, POST and streaming watch requests to one kube context's API server. We issue each request
// ourselves (node:http with the context's TLS and credentials from kube-connection.ts) so every
// socket is tied to an AbortSignal from the moment it opens, and so that a connection that stays
// open but delivers nothing is noticed:
// - a list or review that receives no byte for `requestTimeoutMs` fails;
// - a watch that receives no byte for `watchStallMs` is stalled: the API server sends a BOOKMARK
//   to every watch that asked for them about once a minute (kubernetes/kubernetes#90249, since
//   1.19), so silence well past that means a dead peer or a proxy that swallows the stream.
import http from 'node:http';
import https from 'node:https';
import { messageOf } from '../../model/message-of.js';
import { durationText } from '../duration-text.js';
import type { KubeConnection } from './kube-connection.js';

/** A failed request: `status` is the HTTP status, absent when the server could not be reached. */
export class KubeApiError extends Error {
  override readonly name: string = 'KubeApiError';
  constructor(
    message: string,
    readonly status?: number,
    /** The Status object's `reason` (`Forbidden`, `Expired`, `Gone`, …). */
    readonly reason?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A watch that stayed open without delivering anything for longer than the stall bound. */
export class KubeWatchStalled extends KubeApiError {
  override readonly name = 'KubeWatchStalled';
}

/** One watch event line (Kubernetes API concepts, "Efficient detection of changes"). */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

export interface KubeHttpTimeouts {
  /** A watch silent this long (no event, no BOOKMARK) is stalled. */
  readonly watchStallMs: number;
  /** A list or review silent this long fails. */
  readonly requestTimeoutMs: number;
}

/** Two missed bookmarks and a margin. */
export const DEFAULT_WATCH_STALL_MS = 150_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export class KubeHttp {
  readonly server: string;
  readonly #connection: KubeConnection;
  readonly #timeouts: KubeHttpTimeouts;

  constructor(connection: KubeConnection, timeouts: Partial<KubeHttpTimeouts> = {}) {
    this.#connection = connection;
    this.server = connection.server;
    this.#timeouts = {
      watchStallMs: timeouts.watchStallMs ?? DEFAULT_WATCH_STALL_MS,
      requestTimeoutMs: timeouts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    };
  }

  /** GETs `path` and parses the JSON body; a non-2xx answer throws KubeApiError with the Status. */
  getJson(path: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    return this.#json('GET', path, undefined, signal);
  }

  /** POSTs `body` (a review: SelfSubjectAccessReview, SelfSubjectRulesReview) and parses the answer. */
  postJson(
    path: string,
    body: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    return this.#json('POST', path, JSON.stringify(body), signal);
  }

  /**
   * Opens a watch on `path` and calls `onEvent` for each event line until the server closes the
   * stream (resolves) or the connection fails or stalls (rejects, KubeWatchStalled for a stall).
   * Settles only once the socket is closed.
   */
  async watch(
    path: string,
    signal: AbortSignal,
    onOpen: () => void,
    onEvent: (event: WatchEvent) => void,
  ): Promise<void> {
    const stall = new AbortController();
    const { watchStallMs } = this.#timeouts;
    let timer: NodeJS.Timeout | undefined;
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          stall.abort(
            new KubeWatchStalled(
              `watch ${path}: nothing arrived for ${durationText(watchStallMs)} (no event, no bookmark); the connection is stalled`,
            ),
          ),
        watchStallMs,
      );
    };
    const both = AbortSignal.any([signal, stall.signal]);
    alive();
    try {
      const response = await this.#open('GET', path, undefined, both, undefined);
      alive();
      if (response.statusCode !== 200) {
        throw this.#statusError(response.statusCode ?? 0, parseJson(await readBody(response)), 'GET', path);
      }
      onOpen();
      response.setEncoding('utf8');
      let pending = '';
      await new Promise<void>((resolve, reject) => {
        response.on('data', (chunk: string) => {
          alive();
          pending += chunk;
          let newline = pending.indexOf('\n');
          while (newline !== -1) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            newline = pending.indexOf('\n');
            const event = parseJson(line);
            if (event !== undefined) onEvent(event as unknown as WatchEvent);
          }
        });
        response.on('error', reject);
        response.on('close', () =>
          response.complete ? resolve() : reject(new KubeApiError(`watch ${path}: the connection dropped`)),
        );
      });
    } catch (error) {
      if (stall.signal.aborted && !signal.aborted) throw stall.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async #json(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const response = await this.#open(method, path, body, signal, this.#timeouts.requestTimeoutMs);
    const parsed = parseJson(await readBody(response));
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) throw this.#statusError(status, parsed, method, path);
    if (parsed === undefined)
      throw new KubeApiError(
        `${method} ${path}: the API server answered with a body that is not JSON`,
        status,
      );
    return parsed;
  }

  #statusError(
    status: number,
    body: Record<string, unknown> | undefined,
    method: string,
    path: string,
  ): KubeApiError {
    if (status === 401) this.#connection.credentialsRejected();
    return statusError(status, body, `${method} ${path}`);
  }

  async #open(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal,
    idleTimeoutMs: number | undefined,
  ): Promise<http.IncomingMessage> {
    const url = new URL(this.server + path);
    let options: https.RequestOptions;
    try {
      options = await this.#connection.requestOptions(signal);
    } catch (error) {
      if (signal.aborted) throw error;
      // Reading a token file or running the exec credential plugin failed.
      throw new KubeApiError(
        `cannot get credentials for ${url.origin}: ${messageOf(error)}`,
        undefined,
        undefined,
        {
          cause: error,
        },
      );
    }
    const request = url.protocol === 'http:' ? http.request : https.request;
    return await new Promise((resolve, reject) => {
      const req = request(url, {
        ...options,
        method,
        headers: {
          ...options.headers,
          accept: 'application/json',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
        signal,
      });
      if (idleTimeoutMs !== undefined) {
        req.setTimeout(idleTimeoutMs, () =>
          req.destroy(
            new KubeApiError(
              `${method} ${path}: the API server at ${url.origin} sent nothing for ${durationText(idleTimeoutMs)}`,
            ),
          ),
        );
      }
      req.on('response', resolve);
      req.on('error', (error) =>
        reject(
          signal.aborted || error instanceof KubeApiError
            ? error
            : new KubeApiError(
                `cannot reach the API server at ${url.origin}: ${error.message}`,
                undefined,
                undefined,
                {
                  cause: error,
                },
              ),
        ),
      );
      req.end(body);
    });
  }
}

function readBody(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A KubeApiError from an HTTP status and, when the body was a Status object, its message and reason. */
function statusError(
  status: number,
  body: Record<string, unknown> | undefined,
  request: string,
): KubeApiError {
  const message = typeof body?.['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  const reason = typeof body?.['reason'] === 'string' ? body['reason'] : undefined;
  return new KubeApiError(`${request}: ${message}`, status, reason);
}
