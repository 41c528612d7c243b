// Typed failures of the registry client. Each names the image reference (or repository) and the
// registry, and says what to do. Error codes are the distribution spec's
// (github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes); registry-sent
// messages are untrusted text and are quoted, never trusted.

export type RegistryErrorCode =
  | 'UNAUTHORIZED'
  | 'REDIRECT_REFUSED'
  | 'DENIED'
  | 'NAME_UNKNOWN'
  | 'MANIFEST_UNKNOWN'
  | 'TOOMANYREQUESTS'
  | 'NOT_A_REGISTRY'
  | 'UNREACHABLE'
  | 'HOST_PAUSED'
  | 'DIGEST_MISMATCH'
  | 'UNSUPPORTED_MANIFEST'
  | 'PLATFORM_NOT_FOUND'
  | 'ANSWER_TOO_LARGE'
  | 'UNEXPECTED';

const ADVICE: Readonly<Record<RegistryErrorCode, string>> = {
  UNAUTHORIZED: 'log in with "docker login" (or fix the stored credentials) and try again',
  REDIRECT_REFUSED:
    'the redirect target wants an authorization of its own (an expired or wrong pre-signed URL, a misconfigured CDN or proxy); retry later, and tell the registry operator if it persists',
  DENIED: 'the credentials are valid but may not pull this repository; check its permissions',
  NAME_UNKNOWN: 'check the repository name, or whether it was deleted or made private',
  MANIFEST_UNKNOWN: 'check the tag or digest; it may have been deleted from the registry',
  TOOMANYREQUESTS: 'the registry is rate limiting us; wait, or log in to get a larger limit',
  NOT_A_REGISTRY:
    'the server did not answer like an OCI registry (HTML or garbage); check the registry host, and any proxy or captive portal in between',
  UNREACHABLE: 'check that the registry is running and reachable (network, DNS, TLS, proxy)',
  HOST_PAUSED:
    'it is tried again then, one request first; check that the registry is running and not overloaded',
  DIGEST_MISMATCH:
    'the content does not match its digest; retry, and distrust this registry or proxy if it persists',
  UNSUPPORTED_MANIFEST: 'this manifest media type is not an OCI or Docker v2 image; it cannot be checked',
  PLATFORM_NOT_FOUND: 'the image has no manifest for this platform; check the platform or pick another tag',
  ANSWER_TOO_LARGE:
    'no real answer of that kind is so large: the registry, or a proxy in between, is misbehaving; check it',
  UNEXPECTED: 'retry later; report it if it persists',
};

export interface RegistryErrorInit {
  readonly registry: string;
  /** The image reference or repository the request was about. */
  readonly subject: string;
  readonly status?: number;
  /** What happened, in a few words. */
  readonly problem: string;
  /** What to do, when the code's usual advice does not fit this cause (a DNS failure is not a refusal). */
  readonly advice?: string;
  readonly cause?: unknown;
}

export class RegistryError extends Error {
  readonly registry: string;
  readonly subject: string;
  readonly status: number | undefined;

  constructor(
    readonly code: RegistryErrorCode,
    init: RegistryErrorInit,
  ) {
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    super(
      `${init.subject} on registry ${init.registry}: ${init.problem}${status}; ${init.advice ?? ADVICE[code]}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = new.target.name;
    this.registry = init.registry;
    this.subject = init.subject;
    this.status = init.status;
  }
}

export class RegistryUnauthorizedError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('UNAUTHORIZED', init);
  }
}
/**
 * A host the registry redirected to (a CDN, S3) answered 401 or 403. Credentials are never sent
 * across origins (docs/http.md, "Redirects"), so the user's login is not at fault.
 */
export class RedirectTargetRefusedError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('REDIRECT_REFUSED', init);
  }
}
export class RegistryDeniedError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('DENIED', init);
  }
}
export class RepositoryNotFoundError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('NAME_UNKNOWN', init);
  }
}
export class ManifestNotFoundError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('MANIFEST_UNKNOWN', init);
  }
}
export class RegistryRateLimitedError extends RegistryError {
  constructor(
    init: RegistryErrorInit,
    /** From Retry-After, when the registry said. */
    readonly retryAfterMs: number | null,
  ) {
    super('TOOMANYREQUESTS', {
      ...init,
      problem:
        init.problem + (retryAfterMs === null ? '' : `, retry after ${Math.ceil(retryAfterMs / 1000)} s`),
    });
  }
}
export class NotARegistryError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('NOT_A_REGISTRY', init);
  }
}
export class RegistryUnreachableError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('UNREACHABLE', init);
  }
}
/** Not asked: the registry's host is paused after timeouts in a row (docs/http.md, "Hosts that hang"). */
export class RegistryPausedError extends RegistryError {
  constructor(
    init: RegistryErrorInit,
    /** Epoch ms from which the host is tried again. */
    readonly retryAt: number,
  ) {
    super('HOST_PAUSED', init);
  }
}
export class DigestMismatchError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('DIGEST_MISMATCH', init);
  }
}
export class UnsupportedManifestError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('UNSUPPORTED_MANIFEST', init);
  }
}
export class PlatformNotFoundError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('PLATFORM_NOT_FOUND', init);
  }
}
/** A body over its limit (internal/http/body-limit.ts): cut off there, never held whole. */
export class AnswerTooLargeError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('ANSWER_TOO_LARGE', init);
  }
}
export class UnexpectedRegistryResponseError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super('UNEXPECTED', init);
  }
}
