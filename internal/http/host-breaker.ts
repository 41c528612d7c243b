// A circuit breaker per host, for servers that accept requests and never answer. After `timeouts`
// requests in a row were cut off by their deadline while on the wire (no answer in between), the
// host is paused for `pauseMs`: its requests fail at once with HttpHostPausedError instead of each
// waiting out the full deadline (issue 15: a hung registry cost 30 s twice per image, so 2,000
// images on it would take hours). When the pause is over, one request goes through as a probe and
// the others wait for its outcome: answered, the host is back; timed out, the pause doubles (up to
// `maxPauseMs`). See docs/http.md, "Hosts that hang".
import type { FailureContext } from './request-failure.js';
import type { HostBreakerState } from './types.js';

export interface BreakerOptions {
  /** Timeouts in a row (no answer in between) that pause a host. Default 2. */
  readonly timeouts: number;
  /** The first pause; it doubles after each probe that times out. Default 30 s. */
  readonly pauseMs: number;
  /** The longest pause. Default 10 minutes. */
  readonly maxPauseMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { timeouts: 2, pauseMs: 30_000, maxPauseMs: 600_000 };

/** What the breaker says of a request about to be sent. */
export type Admission =
  | { readonly kind: 'send' }
  /** Send it: it is the one request that finds out whether the host answers again. */
  | { readonly kind: 'probe' }
  | { readonly kind: 'paused'; readonly state: HostBreakerState }
  /** A probe is out: wait for it to settle, then ask again. */
  | { readonly kind: 'wait'; readonly probe: Promise<void> };

/**
 * How an exchange with the host ended. `timed-out`: the request's own deadline passed while it was
 * on the wire (for at least half of it). `aborted`: the caller gave up, or the deadline passed soon
 * after the request was sent (it had waited for a slot): that says nothing about the host.
 * `answered` and `failed` (refused, reset, a body too large…): the host is not hanging.
 */
export type ExchangeOutcome = 'answered' | 'failed' | 'timed-out' | 'aborted';

const SEND: Admission = { kind: 'send' };
const PROBE: Admission = { kind: 'probe' };

export class HostBreaker {
  readonly #options: BreakerOptions;
  /** Timeouts in a row, and the deadline the last of them had. */
  #timeouts = 0;
  #timeoutMs = 0;
  #pauseMs: number;
  /** Set while the breaker is open: until then requests are refused; after it, one probes. */
  #retryAt: number | null = null;
  #probe: { readonly settled: Promise<void>; readonly settle: () => void } | null = null;

  constructor(options: BreakerOptions) {
    this.#options = options;
    this.#pauseMs = options.pauseMs;
  }

  /**
   * Before a request is sent. `claimProbe` is false while the request has yet to queue for a slot
   * (it is refused or held early, but not made the probe) and true once it holds one.
   */
  admit(now: number, claimProbe: boolean): Admission {
    if (this.#probe !== null) return { kind: 'wait', probe: this.#probe.settled };
    if (this.#retryAt === null) return SEND;
    if (now < this.#retryAt) return { kind: 'paused', state: this.state()! };
    if (!claimProbe) return SEND;
    let settle = (): void => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.#probe = { settled, settle };
    return PROBE;
  }

  /** After an exchange; `probe` says whether it was admitted as the probe. Returns true when the state changed. */
  record(outcome: ExchangeOutcome, now: number, timeoutMs: number, probe: boolean): boolean {
    if (outcome === 'aborted') {
      // No verdict: the breaker stays open with its pause over, so the next request probes.
      if (probe) this.#endProbe();
      return probe;
    }
    if (outcome !== 'timed-out') {
      const changed = this.#timeouts > 0 || this.#retryAt !== null;
      this.#timeouts = 0;
      this.#retryAt = null;
      this.#pauseMs = this.#options.pauseMs;
      this.#endProbe();
      return changed;
    }
    this.#timeouts++;
    this.#timeoutMs = timeoutMs;
    if (probe) {
      this.#pauseMs = Math.min(this.#pauseMs * 2, this.#options.maxPauseMs);
      this.#retryAt = now + this.#pauseMs;
      this.#endProbe();
      return true;
    }
    // Requests sent before the pause began and timing out during it do not lengthen it.
    if (this.#retryAt !== null || this.#timeouts < this.#options.timeouts) return false;
    this.#retryAt = now + this.#pauseMs;
    return true;
  }

  /** Null while the host answers (or has timed out fewer times than the threshold). */
  state(): HostBreakerState | null {
    if (this.#retryAt === null) return null;
    return {
      timeouts: this.#timeouts,
      timeoutMs: this.#timeoutMs,
      retryAt: this.#retryAt,
      probing: this.#probe !== null,
    };
  }

  #endProbe(): void {
    this.#probe?.settle();
    this.#probe = null;
  }
}

/**
 * How a failed exchange counts for the host's breaker. A deadline that passed while the request was
 * on the wire for at least half of it is the host not answering; one that passed just after a long
 * wait for a slot says nothing about the host, like the caller's abort.
 */
export function exchangeOutcome(deadline: FailureContext, onWireMs: number): ExchangeOutcome {
  if (deadline.caller?.aborted === true) return 'aborted';
  if (!deadline.timedOut) return 'failed';
  return onWireMs * 2 >= deadline.timeoutMs ? 'timed-out' : 'aborted';
}

/** Resolves when `settled` does; rejects with the signal's reason if it aborts first. */
export function settledOrAborted(settled: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
