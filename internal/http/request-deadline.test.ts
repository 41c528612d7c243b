import { describe, expect, it } from 'vitest';
import { RequestDeadline } from './request-deadline.js';

describe('RequestDeadline', () => {
  it('aborts every request sharing one caller signal, with one listener on it (no leak warning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const caller = new AbortController();
    const deadlines = Array.from({ length: 20 }, () => new RequestDeadline(30_000, caller.signal));
    caller.abort(new Error('scan cancelled'));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(deadlines.every((d) => d.signal.aborted && !d.timedOut)).toBe(true);
    expect(deadlines[0]?.signal.reason).toEqual(new Error('scan cancelled'));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    deadlines.forEach((d) => d.dispose());
  });

  it('times out on its own and stops following the caller once disposed', async () => {
    const caller = new AbortController();
    const expiring = new RequestDeadline(5, caller.signal);
    const disposed = new RequestDeadline(30_000, caller.signal);
    disposed.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([expiring.signal.aborted, expiring.timedOut]).toEqual([true, true]);
    caller.abort();
    expect(disposed.signal.aborted).toBe(false);
    expiring.dispose();
  });
});
