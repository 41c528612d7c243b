import { describe, expect, it } from 'vitest';
import {
  AnswerTooLargeError,
  ManifestNotFoundError,
  NotARegistryError,
  RegistryPausedError,
  RegistryRateLimitedError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
  RepositoryNotFoundError,
} from '../oci/errors.js';
import { InvalidReferenceError } from '../oci/reference.js';
import { StepTimeoutError } from '../workflow/index.js';
import { isRetryable } from './retry-policy.js';

const init = { registry: 'r.example', subject: 'r.example/a', problem: 'p' };

describe('isRetryable', () => {
  it('retries transient registry faults', () => {
    expect(isRetryable(new RegistryUnreachableError(init))).toBe(true);
    expect(isRetryable(new NotARegistryError(init))).toBe(true);
  });

  it('does not retry answers that will not change, nor what is not a registry fault', () => {
    expect(isRetryable(new RepositoryNotFoundError(init))).toBe(false);
    expect(isRetryable(new ManifestNotFoundError(init))).toBe(false);
    expect(isRetryable(new RegistryUnauthorizedError(init))).toBe(false);
    expect(isRetryable(new RegistryRateLimitedError(init, 1000))).toBe(false);
    expect(isRetryable(new RegistryPausedError(init, Date.now() + 30_000))).toBe(false);
    expect(isRetryable(new AnswerTooLargeError(init))).toBe(false);
    expect(isRetryable(new InvalidReferenceError('X', 'format'))).toBe(false);
    expect(isRetryable(new StepTimeoutError('oci', 'check', 'main', 10))).toBe(false);
  });
});
