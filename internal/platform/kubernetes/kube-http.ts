// GET and streaming watch requests to one kube context's API server. client-node's KubeConfig
// supplies TLS material and credentials (tokens, client certificates, exec plugins); we issue the
// request ourselves so every socket is tied to an AbortSignal from the moment it opens (client-node
// 1.3's Watch only returns its AbortController after the response headers arrived).
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { messageOf } from '../../model/message-of.js';

/** A failed request: `status` is the HTTP status, absent when the server could not be reached. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
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

/** One watch event line (Kubernetes API concepts, "Efficient detection of changes"). */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

export class KubeHttp {
  readonly server: string;
  constructor(private readonly config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (cluster === null) throw new Error('KubeHttp needs a KubeConfig with a current cluster');
    this.server = cluster.server;
  }

  /** GETs `path` and parses the JSON body; a non-2xx answer throws KubeApiError with the Status. */
  async getJson(path: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    const response = await this.#open(path, signal);
    const body = await readBody(response);
    const parsed = parseJson(body);
    if (response.statusCode !== 200) throw statusError(response.statusCode ?? 0, parsed, path);
    if (parsed === undefined)
      throw new KubeApiError(`GET ${path}: the API server answered with a body that is not JSON`, 200);
    return parsed;
  }

  /**
   * Opens a watch on `path` and calls `onEvent` for each event line until the server closes the
   * stream (resolves) or the connection fails (rejects). Settles only once the socket is closed.
   */
  async watch(
    path: string,
    signal: AbortSignal,
    onOpen: () => void,
    onEvent: (event: WatchEvent) => void,
  ): Promise<void> {
    const response = await this.#open(path, signal);
    if (response.statusCode !== 200)
      throw statusError(response.statusCode ?? 0, parseJson(await readBody(response)), path);
    onOpen();
    response.setEncoding('utf8');
    let pending = '';
    await new Promise<void>((resolve, reject) => {
      response.on('data', (chunk: string) => {
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
  }

  async #open(path: string, signal: AbortSignal): Promise<http.IncomingMessage> {
    const url = new URL(this.server + path);
    const options: https.RequestOptions = {};
    try {
      await this.config.applyToHTTPSOptions(options);
    } catch (error) {
      // Reading certificate files or running the exec credential plugin failed.
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
        method: 'GET',
        headers: { ...options.headers, accept: 'application/json' },
        signal,
      });
      req.on('response', resolve);
      req.on('error', (error) =>
        reject(
          signal.aborted
            ? error
            : new KubeApiError(
                `cannot reach the API server at ${url.origin}: ${error.message}`,
                undefined,
                undefined,
                { cause: error },
              ),
        ),
      );
      req.end();
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
export function statusError(
  status: number,
  body: Record<string, unknown> | undefined,
  path: string,
): KubeApiError {
  const message = typeof body?.['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  const reason = typeof body?.['reason'] === 'string' ? body['reason'] : undefined;
  return new KubeApiError(`GET ${path}: ${message}`, status, reason);
}
