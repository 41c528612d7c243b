import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../../internal/api/contract.js';
import { ProgressStore } from './progress.svelte.js';

type Progress = ApiEvents['progress'];
const queued = (reference: string): Progress => ({ type: 'queued', reference, priority: 'new' });
const running = (reference: string): Progress => ({ type: 'running', reference });
const done = (reference: string): Progress => ({ type: 'done', reference, durationMs: 5 });
const failed = (reference: string): Progress => ({ type: 'failed', reference, durationMs: 5, error: 'no' });

function tracked(...events: Progress[]): ProgressStore {
  const store = new ProgressStore();
  for (const event of events) store.track(event);
  return store;
}

describe('ProgressStore: queue counts rebuilt from progress events until the core sends them', () => {
  it('counts one scan from the first image queued while idle until the queue is empty', () => {
    const store = tracked(queued('a'), queued('b'), queued('c'), running('a'), done('a'), running('b'));
    expect(store.scan).toEqual({ queued: 1, running: 1, done: 1, failed: 0 });
    store.track(failed('b'));
    store.track(running('c'));
    store.track(done('c'));
    expect(store.scan).toEqual({ queued: 0, running: 0, done: 2, failed: 1 });
    store.track(queued('d')); // idle again: a new scan
    expect(store.scan).toEqual({ queued: 1, running: 0, done: 0, failed: 0 });
  });

  it('counts an image queued twice once, and one queued again while it runs as both', () => {
    const store = tracked(queued('a'), queued('a'), running('a'), queued('a'));
    expect(store.scan).toEqual({ queued: 1, running: 1, done: 0, failed: 0 });
    store.track(done('a'));
    expect(store.scan).toEqual({ queued: 1, running: 0, done: 1, failed: 0 });
  });

  it('opened in the middle of a scan: the snapshot counts, and events move the images it did not name', () => {
    const store = tracked(queued('seen'));
    store.replaceAll({ queued: 3, running: 1 });
    expect(store.scan).toEqual({ queued: 3, running: 1, done: 0, failed: 0 });
    store.track(running('x')); // one of the three queued the snapshot counted
    expect(store.scan).toEqual({ queued: 2, running: 2, done: 0, failed: 0 });
    store.track(done('y')); // the one that was running
    store.track(done('x'));
    expect(store.scan).toEqual({ queued: 2, running: 0, done: 2, failed: 0 });
    store.track(done('z')); // more than the snapshot counted: never below zero
    expect(store.scan).toEqual({ queued: 2, running: 0, done: 3, failed: 0 });
  });
});
