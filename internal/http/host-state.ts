import { HostBreaker, type BreakerOptions } from './host-breaker.js';
import type { HostBudget } from './types.js';
import { readRateLimit } from './rate-limit-headers.js';
import { retryAfterMs } from './retry-timing.js';
import { Semaphore } from './semaphore.js';

// Statuses whose Retry-After means "this host is refusing everyone for a while", not just this
// request (RFC 6585 §4 for 429, RFC 9110 §15.6.4 for 503).
const HOST_PAUSING_STATUSES = new Set([429, 503]);

/**
 * What the client knows about one origin: its in-flight slots, its budget, whether it is paused by
 * the server (Retry-After, an exhausted budget) and whether it is paused for hanging (its breaker).
 */
export class HostState {
  readonly host: string;
  readonly slots: Semaphore;
  readonly breaker: HostBreaker;
  requests = 0;
  #limit: number | null = null;
  #remaining: number | null = null;
  #resetAt: number | null = null;
  #pausedUntil: number | null = null;

  constructor(host: string, concurrency: number, breaker: BreakerOptions) {
    this.host = host;
    this.slots = new Semaphore(concurrency);
    this.breaker = new HostBreaker(breaker);
  }

  /** Epoch ms until which no request may be sent to this host, or 0 when it is open. */
  blockedUntil(now: number): number {
    return this.#pausedUntil !== null && this.#pausedUntil > now ? this.#pausedUntil : 0;
  }

  /**
   * Takes in a response's rate-limit and Retry-After headers. Returns true when the budget changed
   * (listeners are told). An exhausted budget with a known reset pauses the host until the reset.
   */
  observe(status: number, headers: Readonly<Record<string, string>>, now: number): boolean {
    const reading = readRateLimit(headers, now);
    const retryAfter = HOST_PAUSING_STATUSES.has(status) ? retryAfterMs(headers['retry-after'], now) : null;
    if (reading === null && retryAfter === null) return false;
    const before = [this.#limit, this.#remaining, this.#resetAt, this.#pausedUntil] as const;
    if (reading !== null) {
      this.#limit = reading.limit ?? this.#limit;
      this.#remaining = reading.remaining ?? this.#remaining;
      this.#resetAt = reading.resetAt ?? this.#resetAt;
      if (reading.remaining === 0 && reading.resetAt !== null) this.#pauseUntil(reading.resetAt);
    }
    if (retryAfter !== null) this.#pauseUntil(now + retryAfter);
    const after = [this.#limit, this.#remaining, this.#resetAt, this.#pausedUntil] as const;
    return before.some((value, index) => value !== after[index]);
  }

  budget(now: number): HostBudget {
    return {
      host: this.host,
      limit: this.#limit,
      remaining: this.#remaining,
      resetAt: this.#resetAt,
      pausedUntil: this.blockedUntil(now) || null,
      inFlight: this.slots.inUse,
      requests: this.requests,
      breaker: this.breaker.state(),
    };
  }

  #pauseUntil(until: number): void {
    if (this.#pausedUntil === null || until > this.#pausedUntil) this.#pausedUntil = until;
  }
}
