// Reads a host's request budget from the rate-limit headers the registries and forges send:
// - Docker Hub: `ratelimit-limit: 100;w=21600`, `ratelimit-remaining: 76;w=21600` (no reset: the
//   window slides) — https://docs.docker.com/docker-hub/usage/pulls/
// - IETF draft-ietf-httpapi-ratelimit-headers: `ratelimit-limit`, `ratelimit-remaining`,
//   `ratelimit-reset` in delta seconds.
// - GitLab: the same names, but `ratelimit-reset` is epoch seconds
//   (https://docs.gitlab.com/ee/user/gitlab_com/#haproxy-api-throttle).
// - GitHub: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` in epoch seconds
//   (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).

export interface RateLimitReading {
  readonly limit: number | null;
  readonly remaining: number | null;
  /** Epoch ms. */
  readonly resetAt: number | null;
}

// A reset value above this (2001-09-09 in epoch seconds) cannot be a delta — nobody rate-limits for
// 30 years — so it is an epoch time (GitLab) rather than delta seconds (IETF draft).
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** `null` when the response carries no rate-limit header at all. */
export function readRateLimit(
  headers: Readonly<Record<string, string>>,
  now: number,
): RateLimitReading | null {
  const limit = leadingInteger(headers['ratelimit-limit'] ?? headers['x-ratelimit-limit']);
  const remaining = leadingInteger(headers['ratelimit-remaining'] ?? headers['x-ratelimit-remaining']);
  const reset = leadingInteger(headers['ratelimit-reset'] ?? headers['x-ratelimit-reset']);
  if (limit === null && remaining === null && reset === null) return null;
  let resetAt: number | null = null;
  if (reset !== null) {
    const isEpoch = headers['ratelimit-reset'] === undefined || reset > EPOCH_SECONDS_THRESHOLD;
    resetAt = isEpoch ? reset * 1000 : now + reset * 1000;
  }
  return { limit, remaining, resetAt };
}

/** `100;w=21600` → 100; `10, 10;w=1` → 10; anything unreadable → null. */
function leadingInteger(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = /^\s*(\d+)/.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}
