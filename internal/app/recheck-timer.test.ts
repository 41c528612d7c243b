import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecheckTimer } from './recheck-timer.js';

describe('RecheckTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a round every interval, not before', () => {
    let rounds = 0;
    const timer = new RecheckTimer(
      () => 10_000,
      () => rounds++,
    );
    timer.start();
    vi.advanceTimersByTime(9_999);
    expect(rounds).toBe(0);
    vi.advanceTimersByTime(1);
    expect(rounds).toBe(1);
    vi.advanceTimersByTime(20_000);
    expect(rounds).toBe(3);
    timer.stop();
  });

  it('takes a shorter interval within a minute, without waiting out the old one', () => {
    let interval = 60 * 60_000;
    let rounds = 0;
    const timer = new RecheckTimer(
      () => interval,
      () => rounds++,
    );
    timer.start();
    vi.advanceTimersByTime(2 * 60_000);
    expect(rounds).toBe(0);
    interval = 5 * 60_000;
    // Two minutes already passed: the first round comes three minutes later, at the latest a heartbeat after.
    vi.advanceTimersByTime(3 * 60_000);
    expect(rounds).toBe(1);
    vi.advanceTimersByTime(5 * 60_000);
    expect(rounds).toBe(2);
    timer.stop();
  });

  it('treats an unusable interval as a minute instead of spinning', () => {
    let rounds = 0;
    const timer = new RecheckTimer(
      () => Number.NaN,
      () => rounds++,
    );
    timer.start();
    vi.advanceTimersByTime(60_000);
    expect(rounds).toBe(1);
    timer.stop();
  });

  it('runs nothing after stop()', () => {
    let rounds = 0;
    const timer = new RecheckTimer(
      () => 1_000,
      () => rounds++,
    );
    timer.start();
    timer.stop();
    vi.advanceTimersByTime(10_000);
    expect(rounds).toBe(0);
  });
});
