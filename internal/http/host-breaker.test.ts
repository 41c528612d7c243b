import { describe, expect, it } from 'vitest';
import { exchangeOutcome, HostBreaker } from './host-breaker.js';

const options = { timeouts: 2, pauseMs: 1_000, maxPauseMs: 3_000 };
const T = 30_000; // the requests' deadline

describe('HostBreaker', () => {
  it('opens after `timeouts` in a row and refuses until retryAt', () => {
    const breaker = new HostBreaker(options);
    expect(breaker.record('timed-out', 0, T, false)).toBe(false);
    expect(breaker.admit(0, true)).toEqual({ kind: 'send' });
    expect(breaker.record('timed-out', 10, T, false)).toBe(true);
    const state = { timeouts: 2, timeoutMs: T, retryAt: 1_010, probing: false };
    expect(breaker.state()).toEqual(state);
    expect(breaker.admit(1_009, true)).toEqual({ kind: 'paused', state });
  });

  it('needs the timeouts in a row: an answer, or a failure that is not a timeout, starts the count again', () => {
    const breaker = new HostBreaker(options);
    breaker.record('timed-out', 0, T, false);
    breaker.record('answered', 1, T, false);
    breaker.record('timed-out', 2, T, false);
    breaker.record('failed', 3, T, false);
    breaker.record('timed-out', 4, T, false);
    expect(breaker.state()).toBeNull();
    // An abort by the caller says nothing about the host either way.
    breaker.record('aborted', 5, T, false);
    breaker.record('timed-out', 6, T, false);
    expect(breaker.state()?.retryAt).toBe(1_006);
  });

  it('lets one probe through after the pause; the others wait for it; an answer closes it', async () => {
    const breaker = new HostBreaker(options);
    breaker.record('timed-out', 0, T, false);
    breaker.record('timed-out', 0, T, false);
    // Before it holds a slot a request is not made the probe.
    expect(breaker.admit(1_000, false)).toEqual({ kind: 'send' });
    expect(breaker.admit(1_000, true)).toEqual({ kind: 'probe' });
    expect(breaker.state()?.probing).toBe(true);
    const waiting = breaker.admit(1_000, true);
    if (waiting.kind !== 'wait') throw new Error(`expected wait, got ${waiting.kind}`);
    let released = false;
    void waiting.probe.then(() => (released = true));
    expect(breaker.record('answered', 1_100, T, true)).toBe(true);
    await Promise.resolve();
    expect(released).toBe(true);
    expect(breaker.state()).toBeNull();
    expect(breaker.admit(1_100, true)).toEqual({ kind: 'send' });
  });

  it('doubles the pause after each probe that times out, up to maxPauseMs, and resets it once answered', () => {
    const breaker = new HostBreaker(options);
    breaker.record('timed-out', 0, T, false);
    breaker.record('timed-out', 0, T, false);
    const pauses: number[] = [];
    let now = 1_000;
    for (let probe = 0; probe < 3; probe++) {
      expect(breaker.admit(now, true).kind).toBe('probe');
      breaker.record('timed-out', now, T, true);
      pauses.push(breaker.state()!.retryAt - now);
      now = breaker.state()!.retryAt;
    }
    expect(pauses).toEqual([2_000, 3_000, 3_000]);
    expect(breaker.state()?.timeouts).toBe(5);
    breaker.admit(now, true);
    breaker.record('answered', now, T, true);
    breaker.record('timed-out', now, T, false);
    breaker.record('timed-out', now, T, false);
    expect(breaker.state()!.retryAt - now).toBe(1_000);
  });

  it('does not lengthen a pause for requests sent before it that time out during it', () => {
    const breaker = new HostBreaker(options);
    breaker.record('timed-out', 0, T, false);
    breaker.record('timed-out', 0, T, false);
    expect(breaker.record('timed-out', 500, T, false)).toBe(false);
    expect(breaker.state()?.retryAt).toBe(1_000);
  });

  it('a probe the caller aborted gives no verdict: the next request probes', () => {
    const breaker = new HostBreaker(options);
    breaker.record('timed-out', 0, T, false);
    breaker.record('timed-out', 0, T, false);
    expect(breaker.admit(1_000, true).kind).toBe('probe');
    expect(breaker.record('aborted', 1_001, T, true)).toBe(true);
    expect(breaker.admit(1_002, true).kind).toBe('probe');
  });
});

describe('exchangeOutcome', () => {
  const deadline = (timedOut: boolean, aborted = false) => ({
    caller: aborted ? AbortSignal.abort() : undefined,
    timedOut,
    timeoutMs: 1_000,
  });

  it('is a timeout only when the request was on the wire for at least half its deadline', () => {
    expect(exchangeOutcome(deadline(true), 500)).toBe('timed-out');
    expect(exchangeOutcome(deadline(true), 499)).toBe('aborted');
  });

  it('is the caller aborting when its signal fired, and a plain failure otherwise', () => {
    expect(exchangeOutcome(deadline(true, true), 900)).toBe('aborted');
    expect(exchangeOutcome(deadline(false), 900)).toBe('failed');
  });
});
