// "Check all now" on a real Session (in-memory store, a static list of images on a closed port).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../internal/scheduler/scheduler.js';
import { MemorySecretStore } from '../internal/api/secret-store.js';
import { openSession, type Session } from '../internal/api/session.js';
import { checkAllNow } from './check-all.js';

describe('checkAllNow', () => {
  let dir: string;
  let session: Session | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-check-all-'));
    const list = join(dir, 'images.txt');
    await writeFile(
      list,
      '127.0.0.1:1/team/app:1.0.0\n127.0.0.1:1/team/db:2.0.0\n127.0.0.1:1/team/web:3.0.0\n',
    );
    session = await openSession({
      dataDir: ':memory:',
      secrets: new MemorySecretStore(),
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [list] },
    });
  });

  afterAll(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('queues every image the platforms run, once each', async () => {
    const live = session as Session;
    await expect.poll(() => live.summary().total, { timeout: 10_000 }).toBe(3);
    const queued: string[] = [];
    const unsubscribe = live.subscribe((name, event) => {
      if (name === 'progress' && (event as ProgressEvent).type === 'queued')
        queued.push((event as ProgressEvent).reference);
    });
    try {
      expect(checkAllNow(live)).toBe(3);
      await expect.poll(() => new Set(queued).size, { timeout: 10_000 }).toBe(3);
    } finally {
      unsubscribe();
    }
  });
});
