import {
  describeUrl,
  HttpAbortedError,
  HttpError,
  HttpInvalidRequestError,
  HttpNetworkError,
  HttpTimeoutError,
} from './errors.js';
import { messageOf } from '../model/message-of.js';

/** What a failure is judged against: did the caller abort, did the deadline pass. */
export interface FailureContext {
  readonly caller: AbortSignal | undefined;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
}

/**
 * Turns whatever a send, a wait or a body read threw into the typed error the caller sees. Which
 * signal fired decides between aborted and timed out: undici and timers reject with their own
 * error types, so the error itself cannot tell.
 */
export function toHttpError(error: unknown, method: string, url: URL, context: FailureContext): HttpError {
  if (error instanceof HttpError) return error;
  if (context.caller?.aborted === true) return new HttpAbortedError(method, url, context.caller.reason);
  if (context.timedOut) return new HttpTimeoutError(method, url, context.timeoutMs, error);
  if ((error as { code?: unknown } | null)?.code === 'UND_ERR_INVALID_ARG') {
    return new HttpInvalidRequestError(`${method} ${describeUrl(url)}: ${messageOf(error)}`, error);
  }
  return new HttpNetworkError(method, url, error);
}
