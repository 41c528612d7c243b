import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

describe('Semaphore', () => {
  it('hands freed slots to waiters in arrival order and never exceeds its limit', async () => {
    const semaphore = new Semaphore(2);
    const never = new AbortController().signal;
    await semaphore.acquire(never);
    await semaphore.acquire(never);
    const order: string[] = [];
    const first = semaphore.acquire(never).then(() => order.push('first'));
    const second = semaphore.acquire(never).then(() => order.push('second'));
    expect(semaphore.inUse).toBe(2);
    semaphore.release();
    semaphore.release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(semaphore.inUse).toBe(2);
  });

  it('drops an aborted waiter from the queue so the next waiter gets the slot', async () => {
    const semaphore = new Semaphore(1);
    expect(semaphore.tryAcquire()).toBe(true);
    const abandoned = new AbortController();
    const gaveUp = semaphore.acquire(abandoned.signal);
    const patient = semaphore.acquire(new AbortController().signal);
    abandoned.abort(new Error('caller went away'));
    await expect(gaveUp).rejects.toThrow('caller went away');
    semaphore.release();
    await patient;
    expect(semaphore.inUse).toBe(1);
    semaphore.release();
    expect(semaphore.inUse).toBe(0);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
