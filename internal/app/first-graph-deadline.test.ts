import { describe, expect, it } from 'vitest';
import { firstGraphDeadline, missedFirstGraph } from './first-graph-deadline.js';

describe('firstGraphDeadline', () => {
  it('resolves with the platform when it is in time, and never calls missed', async () => {
    let missed = 0;
    await firstGraphDeadline(Promise.resolve(), 50, () => missed++);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(missed).toBe(0);
  });

  it('resolves at the deadline for a platform that never starts, calling missed once', async () => {
    let missed = 0;
    const started = Date.now();
    await firstGraphDeadline(new Promise(() => {}), 50, () => missed++);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(missed).toBe(1);
  });

  it('says what the platform was doing when it missed', () => {
    expect(missedFirstGraph({ state: 'connecting' }, 15_000)).toEqual({
      state: 'failed',
      reason:
        'no first graph within 15 s (still connecting); the other platforms go ahead, and this one joins in when it can',
    });
    expect(missedFirstGraph({ state: 'degraded', reason: 'pods: watch stalled' }, 500).state).toBe('failed');
    expect(missedFirstGraph({ state: 'degraded', reason: 'pods: watch stalled' }, 500)).toMatchObject({
      reason: expect.stringContaining('(pods: watch stalled)'),
    });
  });
});
