import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../../internal/api/contract.js';
import { ProgressStore } from './progress.svelte.js';

type Progress = ApiEvents['progress'];
const queued = (reference: string): Progress => ({ type: 'queued', reference, priority: 'new' });
const running = (reference: string): Progress => ({ type: 'running', reference });
const done = (reference: string): Progress => ({ type: 'done', reference, durationMs: 5 });
const failed = (reference: string): Progress => ({ type: 'failed', reference, durationMs: 5, error: 'no' });

describe('ProgressStore: the core counts the queue, the store counts what the scan finished', () => {
  it('takes the queue counts from the core as they come, never rebuilding them', () => {
    const store = new ProgressStore();
    store.replaceAll({ queued: 20, running: 4 });
    // Progress events move nothing in the queue: only the core's counts do.
    store.track(queued('a'));
    store.track(running('a'));
    expect(store.scan).toEqual({ queued: 20, running: 4, done: 0, failed: 0 });
    store.replaceAll({ queued: 19, running: 4 });
    expect(store.scan.queued).toBe(19);
  });

  it('counts one scan from the first image queued while idle until the core says the queue is empty', () => {
    const store = new ProgressStore();
    for (const event of [queued('a'), queued('b'), running('a'), done('a'), running('b'), failed('b')])
      store.track(event);
    expect(store.scan).toEqual({ queued: 0, running: 0, done: 1, failed: 1 });
    store.replaceAll({ queued: 0, running: 0 });
    // The next image queued starts a new scan.
    store.track(queued('c'));
    expect(store.scan).toEqual({ queued: 0, running: 0, done: 0, failed: 0 });
    store.track(done('c'));
    expect(store.scan.done).toBe(1);
  });

  it('keeps counting one scan while the core still reports work', () => {
    const store = new ProgressStore();
    store.track(queued('a'));
    store.track(done('a'));
    store.replaceAll({ queued: 1, running: 0 });
    store.track(queued('b')); // queued while the scan goes on: the same scan
    store.track(done('b'));
    expect(store.scan).toEqual({ queued: 1, running: 0, done: 2, failed: 0 });
  });
});
