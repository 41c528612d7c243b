// When a network step is worth another attempt. The HTTP client already retries 429/5xx and network
// faults within one request (docs/http.md); a step retry covers what is left: a registry that was
// briefly unreachable or answered garbage. Answers that will not change by asking again (404, 401,
// 403, a malformed reference, a manifest we cannot read, a rate limit the client already waited
// out, a registry paused for hanging until a time to come, an answer over its size limit) fail the
// image at once, so the
// scheduler's re-check picks it up later instead.
import { RegistryError, type RegistryErrorCode } from '../oci/errors.js';
import type { RetryPolicy } from '../workflow/index.js';

const PERMANENT: ReadonlySet<RegistryErrorCode> = new Set([
  'UNAUTHORIZED',
  'DENIED',
  'NAME_UNKNOWN',
  'MANIFEST_UNKNOWN',
  'UNSUPPORTED_MANIFEST',
  'PLATFORM_NOT_FOUND',
  'TOOMANYREQUESTS',
  'HOST_PAUSED',
  // The same oversized answer comes back: asking again only costs the bytes up to the limit again.
  'ANSWER_TOO_LARGE',
]);

/** True for transient registry faults (unreachable, not-a-registry, digest mismatch, unexpected). */
export function isRetryable(error: unknown): boolean {
  return error instanceof RegistryError && !PERMANENT.has(error.code);
}

export function networkRetry(attempts: number, backoffMs: number): RetryPolicy {
  return { attempts, backoffMs, maxBackoffMs: backoffMs * 8, retryOn: isRetryable };
}
