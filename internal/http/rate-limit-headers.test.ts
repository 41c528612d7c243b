import { describe, expect, it } from 'vitest';
import { readRateLimit } from './rate-limit-headers.js';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('readRateLimit', () => {
  it('reads Docker Hub headers with their window parameter and no reset', () => {
    const reading = readRateLimit(
      { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' },
      now,
    );
    expect(reading).toEqual({ limit: 100, remaining: 76, resetAt: null });
  });

  it('reads GitHub headers with the reset in epoch seconds', () => {
    const reading = readRateLimit(
      { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795780800' },
      now,
    );
    expect(reading).toEqual({ limit: 5000, remaining: 0, resetAt: 1_795_780_800_000 });
  });

  it('reads the IETF draft reset as delta seconds and GitLab’s as epoch seconds', () => {
    expect(readRateLimit({ 'ratelimit-remaining': '3', 'ratelimit-reset': '30' }, now)?.resetAt).toBe(
      now + 30_000,
    );
    expect(readRateLimit({ 'ratelimit-remaining': '3', 'ratelimit-reset': '1795780800' }, now)?.resetAt).toBe(
      1_795_780_800_000,
    );
  });

  it('gives null when no rate-limit header is present and ignores unreadable values', () => {
    expect(readRateLimit({ 'content-type': 'application/json' }, now)).toBeNull();
    expect(readRateLimit({ 'ratelimit-limit': 'lots' }, now)).toBeNull();
  });
});
