import { describe, expect, it } from 'vitest';

import { deadline, realSleep, untilAborted } from './abortable.js';

describe('abortable waiting', () => {
  it('realSleep waits the time asked, and stops early on abort', async () => {
    const started = performance.now();
    await realSleep(20, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await expect(realSleep(10_000, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('untilAborted turns a synchronous throw into a rejection and settles with the work', async () => {
    const signal = new AbortController().signal;
    // A synchronous answer comes back as it is, with nothing around it.
    expect(untilAborted(() => 1, signal)).toBe(1);
    await expect(untilAborted(async () => 2, signal)).resolves.toBe(2);
    await expect(
      untilAborted(() => {
        throw new Error('sync');
      }, signal),
    ).rejects.toThrow('sync');
    await expect(untilAborted(() => 3, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('deadline aborts with the timeout error, follows its parent, and stops its timer on dispose', async () => {
    const timed = deadline(null, 5, () => new Error('too slow'));
    await expect(untilAborted(() => new Promise(() => {}), timed.signal)).rejects.toThrow('too slow');
    const parent = new AbortController();
    const child = deadline(parent.signal, 1_000, () => new Error('never'));
    parent.abort(new Error('cancelled'));
    expect(child.signal.reason).toEqual(new Error('cancelled'));
    child.dispose();
    const disposed = deadline(null, 5, () => new Error('x'));
    disposed.dispose();
    await realSleep(15, new AbortController().signal);
    expect(disposed.signal.aborted).toBe(false);
  });
});
