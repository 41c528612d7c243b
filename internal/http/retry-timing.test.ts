import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './retry-timing.js';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('retryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
  });

  it('reads an HTTP-date relative to now, and a past date as no wait', () => {
    expect(retryAfterMs('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives null for an absent or unreadable value', () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
  });
});

describe('backoffMs', () => {
  it('grows exponentially up to the cap, with full jitter below it', () => {
    const top = () => 0.999_999;
    expect(backoffMs(1, 200, 30_000, top)).toBe(199);
    expect(backoffMs(3, 200, 30_000, top)).toBe(799);
    expect(backoffMs(20, 200, 30_000, top)).toBe(29_999);
    expect(backoffMs(3, 200, 30_000, () => 0)).toBe(0);
  });
});
