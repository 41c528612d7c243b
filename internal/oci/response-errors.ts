// Turns a registry's unsuccessful answer, or a failed exchange, into the typed RegistryError that
// says what to do. Registries answer errors as {"errors":[{"code","message"}]} (distribution spec,
// "Error Codes"); anything else with an HTML body is a proxy, portal or web server, not a registry.
import { formatBytes } from '../http/body-limit.js';
import {
  HttpAbortedError,
  HttpBodyError,
  HttpBodyTooLargeError,
  HttpHostPausedError,
  HttpNetworkError,
  HttpTimeoutError,
} from '../http/errors.js';
import { retryAfterMs } from '../http/retry-timing.js';
import type { HttpResponse } from '../http/types.js';
import {
  AnswerTooLargeError,
  ManifestNotFoundError,
  RedirectTargetRefusedError,
  NotARegistryError,
  RegistryDeniedError,
  RegistryPausedError,
  RegistryRateLimitedError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
  RepositoryNotFoundError,
  UnexpectedRegistryResponseError,
  type RegistryError,
  type RegistryErrorInit,
} from './errors.js';
import { isRecord } from './manifest.js';

export interface ErrorContext {
  readonly registry: string;
  readonly subject: string;
  /** What a 404 without an error code means for this request. */
  readonly notFound: 'repository' | 'manifest';
  /** Appended to 401 problems: which credentials were tried, and why none were found. */
  readonly authNote?: string;
  /** The URL asked for: an answer from another origin came through a redirect. */
  readonly requested?: string | URL;
}

const MESSAGE_PREVIEW = 120;

export function isHtml(response: HttpResponse): boolean {
  if (/text\/html/i.test(response.headers['content-type'] ?? '')) return true;
  const start = new TextDecoder().decode(response.body.subarray(0, 64)).trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

/** True when the answer came from another origin than the one asked: through a redirect. */
export function answeredElsewhere(response: HttpResponse, requested: string | URL): boolean {
  return new URL(response.url).origin !== new URL(requested).origin;
}

export function errorForResponse(response: HttpResponse, context: ErrorContext): RegistryError {
  const base = { registry: context.registry, subject: context.subject, status: response.status };
  if (
    (response.status === 401 || response.status === 403) &&
    context.requested !== undefined &&
    answeredElsewhere(response, context.requested)
  ) {
    return new RedirectTargetRefusedError({
      ...base,
      problem:
        `the request was redirected to ${new URL(response.url).host}, which refused it; no credential is ` +
        'ever sent to a host other than the one it is for, so this is not about your login',
    });
  }
  const { code, message } = firstRegistryError(response);
  const said =
    message === undefined ? '' : `: the registry says ${JSON.stringify(message.slice(0, MESSAGE_PREVIEW))}`;
  if (response.status === 429 || code === 'TOOMANYREQUESTS') {
    const wait = retryAfterMs(response.headers['retry-after'], Date.now());
    return new RegistryRateLimitedError({ ...base, problem: `too many requests${said}` }, wait);
  }
  if (code === undefined && isHtml(response)) {
    return new NotARegistryError({ ...base, problem: 'the server answered with an HTML page' });
  }
  if (response.status === 401 || code === 'UNAUTHORIZED') {
    return new RegistryUnauthorizedError({
      ...base,
      problem: `authentication required${said}${context.authNote ?? ''}`,
    });
  }
  if (response.status === 403 || code === 'DENIED') {
    return new RegistryDeniedError({ ...base, problem: `access denied${said}` });
  }
  if (
    code === 'NAME_UNKNOWN' ||
    (response.status === 404 && code === undefined && context.notFound === 'repository')
  ) {
    return new RepositoryNotFoundError({ ...base, problem: `repository not found${said}` });
  }
  if (code === 'MANIFEST_UNKNOWN' || (response.status === 404 && context.notFound === 'manifest')) {
    return new ManifestNotFoundError({ ...base, problem: `manifest not found${said}` });
  }
  return new UnexpectedRegistryResponseError({
    ...base,
    problem: `unexpected answer${code ? ` ${code}` : ''}${said}`,
  });
}

function firstRegistryError(response: HttpResponse): { code?: string; message?: string } {
  try {
    const body = JSON.parse(new TextDecoder().decode(response.body)) as unknown;
    const first: unknown = isRecord(body) && Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (!isRecord(first)) return {};
    return {
      ...(typeof first.code === 'string' ? { code: first.code } : {}),
      ...(typeof first.message === 'string' ? { message: first.message } : {}),
    };
  } catch {
    return {};
  }
}

/** Parses a 2xx JSON body; garbage, truncated JSON or HTML means "not a registry". */
export function jsonBody(response: HttpResponse, init: Omit<RegistryErrorInit, 'problem'>): unknown {
  try {
    return response.json();
  } catch (cause) {
    throw new NotARegistryError({
      ...init,
      status: response.status,
      problem: isHtml(response)
        ? 'the server answered with an HTML page'
        : 'the answer is not valid JSON (garbage or truncated)',
      cause,
    });
  }
}

/** Network failures and timeouts become RegistryUnreachableError; an abort by the caller stays what it is. */
export function errorForTransport(error: unknown, init: Omit<RegistryErrorInit, 'problem'>): unknown {
  if (error instanceof HttpAbortedError) return error;
  if (error instanceof HttpHostPausedError) {
    // The same reason as the timeouts that paused it, and when the registry is tried again.
    const { timeoutMs, timeouts, retryAt } = error.state;
    return new RegistryPausedError(
      {
        ...init,
        problem: `no answer within ${timeoutMs} ms; paused after ${timeouts} timeouts; next try at ${new Date(retryAt).toISOString()}`,
        cause: error,
      },
      retryAt,
    );
  }
  if (error instanceof HttpTimeoutError) {
    return new RegistryUnreachableError({
      ...init,
      problem: `no answer within ${error.timeoutMs} ms`,
      advice: 'the registry may be hanging or overloaded; retry later',
      cause: error,
    });
  }
  if (error instanceof HttpNetworkError) {
    // DNS, refused, TLS, timeout: named with the host, worded once (internal/http/network-failure.ts).
    const { problem, advice } = error.failure;
    return new RegistryUnreachableError({ ...init, problem, advice, cause: error });
  }
  if (error instanceof HttpBodyError)
    return new NotARegistryError({ ...init, problem: 'the answer is not valid JSON', cause: error });
  if (error instanceof HttpBodyTooLargeError) {
    return new AnswerTooLargeError({
      ...init,
      status: error.status,
      problem:
        `the answer to ${error.method} ${error.url} is larger than ${formatBytes(error.limit.bytes)}, ` +
        `the limit for ${error.limit.kind}; it was not read further`,
      cause: error,
    });
  }
  return error;
}
