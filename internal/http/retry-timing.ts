// When to try again: the server's Retry-After when it gives one, else exponential backoff with
// full jitter (a random wait in [0, min(max, base·2^n)]), which spreads retries of many clients
// apart instead of having them hit the server in lockstep
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).

/**
 * Milliseconds to wait according to a Retry-After value, which is either delta seconds or an
 * HTTP-date (RFC 9110 §10.2.3). `null` when the header is absent or unreadable; a date in the past
 * gives 0.
 */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form names its weekday and month (RFC 9110 §5.6.7); the check keeps Date.parse's
  // leniency from reading "-5" or "2" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Full-jitter backoff before retry number `retry` (1 for the first retry). */
export function backoffMs(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
