import { describe, expect, it } from 'vitest';
import { Scheduler, type ProgressEvent, type SchedulerOptions } from './scheduler.js';

/** A run function whose runs the test finishes by hand, recording what started and when. */
function manualRuns() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void; signal: AbortSignal }>();
  const run = (reference: string, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      started.push(reference);
      pending.set(reference, { resolve, reject, signal });
    });
  const finish = async (reference: string, error?: Error) => {
    const p = pending.get(reference);
    if (!p) throw new Error(`${reference} is not running`);
    pending.delete(reference);
    if (error) p.reject(error);
    else p.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { started, pending, run, finish };
}

function scheduler(overrides: Partial<SchedulerOptions> & Pick<SchedulerOptions, 'run'>) {
  const events: ProgressEvent[] = [];
  const s = new Scheduler({
    registryOf: (ref) => ref.split('/')[0]!,
    concurrency: 1,
    registryLimit: () => 10,
    onProgress: (e) => events.push(e),
    ...overrides,
  });
  return { s, events };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Scheduler', () => {
  it('runs "check now" first, then new images, then re-checks, each in arrival order', async () => {
    const runs = manualRuns();
    const { s } = scheduler({ run: runs.run });
    s.enqueue('r/busy', 'new'); // occupies the only slot while the others queue
    s.enqueue('r/recheck-1', 'recheck');
    s.enqueue('r/new-1', 'new');
    s.enqueue('r/recheck-2', 'recheck');
    s.enqueue('r/new-2', 'new');
    s.enqueue('r/now', 'now');
    await tick();
    for (const ref of ['r/busy', 'r/now', 'r/new-1', 'r/new-2', 'r/recheck-1']) await runs.finish(ref);
    expect(runs.started).toEqual(['r/busy', 'r/now', 'r/new-1', 'r/new-2', 'r/recheck-1', 'r/recheck-2']);
  });

  it('keeps one entry per image and only ever raises its priority', async () => {
    const runs = manualRuns();
    const { s, events } = scheduler({ run: runs.run });
    s.enqueue('r/busy', 'new');
    s.enqueue('r/a', 'recheck');
    s.enqueue('r/b', 'new');
    s.enqueue('r/a', 'recheck');
    s.enqueue('r/a', 'now'); // raised above b
    s.enqueue('r/a', 'recheck'); // not lowered
    expect(s.counts()).toEqual({ queued: 2, running: 1 });
    await tick();
    await runs.finish('r/busy');
    await runs.finish('r/a');
    await runs.finish('r/b');
    expect(runs.started).toEqual(['r/busy', 'r/a', 'r/b']);
    expect(events.filter((e) => e.type === 'queued' && e.reference === 'r/a')).toHaveLength(2);
  });

  it('runs an image once more when "check now" arrives while it runs, but not for a re-check', async () => {
    const runs = manualRuns();
    const { s } = scheduler({ run: runs.run });
    s.enqueue('r/a', 'new');
    await tick();
    s.enqueue('r/a', 'recheck');
    s.enqueue('r/a', 'now');
    await runs.finish('r/a');
    await runs.finish('r/a');
    await s.idle();
    expect(runs.started).toEqual(['r/a', 'r/a']);
  });

  it('never has more images in flight for one registry than its limit, while others proceed', async () => {
    const runs = manualRuns();
    const { s } = scheduler({
      run: runs.run,
      concurrency: 10,
      registryLimit: (r) => (r === 'slow' ? 2 : 10),
    });
    for (let i = 0; i < 5; i++) s.enqueue(`slow/${i}`, 'new');
    for (let i = 0; i < 3; i++) s.enqueue(`fast/${i}`, 'new');
    await tick();
    expect(runs.started.filter((r) => r.startsWith('slow/'))).toHaveLength(2);
    expect(runs.started.filter((r) => r.startsWith('fast/'))).toHaveLength(3);
    await runs.finish('slow/0');
    expect(runs.started.filter((r) => r.startsWith('slow/'))).toHaveLength(3);
  });

  it('waits while a registry is paused (limit 0) and resumes when it opens', async () => {
    const runs = manualRuns();
    let open = false;
    const { s } = scheduler({ run: runs.run, registryLimit: () => (open ? 1 : 0), retryDelayMs: 5 });
    s.enqueue('r/a', 'new');
    await new Promise((r) => setTimeout(r, 20));
    expect(runs.started).toEqual([]);
    open = true;
    await expect.poll(() => runs.started).toEqual(['r/a']);
    await runs.finish('r/a');
  });

  it('reports a failed run (thrown or rejected) and goes on with the next', async () => {
    const { s, events } = scheduler({
      run: async (ref) => {
        if (ref === 'r/bad') throw new Error('registry said no');
      },
    });
    s.enqueue('r/bad', 'new');
    s.enqueue('r/good', 'new');
    await s.idle();
    expect(
      events.filter((e) => e.type === 'failed' || e.type === 'done').map((e) => [e.type, e.reference]),
    ).toEqual([
      ['failed', 'r/bad'],
      ['done', 'r/good'],
    ]);
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ error: 'registry said no' });
  });

  it('stop() drops the queue, aborts what runs and resolves when it settled', async () => {
    const runs = manualRuns();
    const { s } = scheduler({ run: runs.run });
    s.enqueue('r/a', 'new');
    s.enqueue('r/b', 'new');
    await tick();
    const signal = runs.pending.get('r/a')!.signal;
    const stopped = s.stop();
    expect(signal.aborted).toBe(true);
    await runs.finish('r/a', new Error('aborted'));
    await stopped;
    expect(runs.started).toEqual(['r/a']);
    s.enqueue('r/c', 'now');
    expect(s.counts()).toEqual({ queued: 0, running: 0 });
  });
});
