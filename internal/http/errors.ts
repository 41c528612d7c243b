// Typed failures of the shared HTTP client. Every message names the request (method and the URL's
// origin + path: the query is left out because pre-signed blob URLs carry credentials in it, and
// the origin never holds user:password) and says what to do; the underlying error is `cause`.
import { describeNetworkFailure, type NetworkFailure } from './network-failure.js';
import { formatBytes, type BodyLimit } from './body-limit.js';
import type { HostBreakerState } from './types.js';

/** The URL as errors and logs may show it: origin + path, never userinfo or query. */
export function describeUrl(url: URL): string {
  return url.origin + url.pathname;
}

export abstract class HttpError extends Error {
  /** Origin + path of the request that failed (no query, no credentials). */
  readonly url: string;

  protected constructor(message: string, url: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.url = url;
  }
}

/** The request could not be built: its URL or method is not something the client can send. */
export class HttpInvalidRequestError extends HttpError {
  constructor(what: string, cause?: unknown) {
    super(`invalid HTTP request: ${what}`, '', cause);
  }
}

/** Connection refused or reset, DNS failure, TLS failure, a body cut off mid-read. */
export class HttpNetworkError extends HttpError {
  readonly method: string;
  /** Which of those it was, worded for people (network-failure.ts). */
  readonly failure: NetworkFailure;

  constructor(method: string, url: URL, cause: unknown) {
    const failure = describeNetworkFailure(cause, url);
    super(
      `${method} ${describeUrl(url)} failed: ${failure.problem}; ${failure.advice}`,
      describeUrl(url),
      cause,
    );
    this.method = method;
    this.failure = failure;
  }
}

/** The whole-request deadline (retries and their waits included) passed. */
export class HttpTimeoutError extends HttpError {
  readonly timeoutMs: number;

  constructor(method: string, url: URL, timeoutMs: number, cause?: unknown) {
    super(
      `${method} ${describeUrl(url)} did not complete within ${timeoutMs} ms; the server may be hanging, or raise timeoutMs`,
      describeUrl(url),
      cause,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** Not sent: the host is paused after timeouts in a row (host-breaker.ts) until `state.retryAt`. */
export class HttpHostPausedError extends HttpError {
  readonly method: string;
  readonly state: HostBreakerState;

  constructor(method: string, url: URL, state: HostBreakerState) {
    super(
      `${method} ${describeUrl(url)} was not sent: ${url.host} did not answer within ${state.timeoutMs} ms ` +
        `${state.timeouts} times in a row, so it is paused; next try at ${new Date(state.retryAt).toISOString()}`,
      describeUrl(url),
    );
    this.method = method;
    this.state = state;
  }
}

/** The caller's AbortSignal fired. */
export class HttpAbortedError extends HttpError {
  constructor(method: string, url: URL, cause?: unknown) {
    super(`${method} ${describeUrl(url)} was aborted by the caller`, describeUrl(url), cause);
  }
}

/** A body that should be JSON is not (an HTML error page, garbage, a truncated document). */
export class HttpBodyError extends HttpError {
  readonly status: number;
  readonly contentType: string;

  constructor(url: URL, status: number, contentType: string, body: string, cause: unknown) {
    super(
      `response of ${describeUrl(url)} (status ${status}, content-type ${JSON.stringify(contentType)}) is not valid JSON; ` +
        `it starts with ${bodyPreview(body)}`,
      describeUrl(url),
      cause,
    );
    this.status = status;
    this.contentType = contentType;
  }
}

/** A body longer than the request's limit (body-limit.ts): the rest was not read and nothing was kept. */
export class HttpBodyTooLargeError extends HttpError {
  readonly method: string;
  readonly status: number;
  readonly limit: BodyLimit;

  constructor(method: string, url: URL, status: number, limit: BodyLimit, declaredBytes: number | null) {
    const declared = declaredBytes === null ? '' : ` (it announced ${formatBytes(declaredBytes)})`;
    super(
      `${method} ${describeUrl(url)} answered (status ${status}) with a body larger than ${formatBytes(limit.bytes)}, ` +
        `the limit for ${limit.kind}${declared}; it was not read further and not used. ` +
        `No real ${limit.kind.replace(/^an? /, '')} is that large: the server, or a proxy in between, is misbehaving; check it`,
      describeUrl(url),
    );
    this.method = method;
    this.status = status;
    this.limit = limit;
  }
}

const PREVIEW_CHARS = 80;

/** The first characters of a body, escaped (JSON string syntax) so control bytes cannot reach a terminal. */
function bodyPreview(body: string): string {
  if (body.length === 0) return 'nothing (the body is empty)';
  const head = body.slice(0, PREVIEW_CHARS);
  return JSON.stringify(head) + (body.length > PREVIEW_CHARS ? '…' : '');
}
