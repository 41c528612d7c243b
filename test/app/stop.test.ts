// stop() in the middle of a run: checks in flight are cancelled and save nothing, finished ones
// are whole, and the store opens again consistent (images interrupted mid-check are `pending`).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../internal/store/store.js';
import { startFakeRegistry, type FakeRegistry } from '../fakes/fake-registry.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import type { Platform } from '../../internal/platform/platform.js';
import { useAppFixture } from './app-fixture.js';

const unavailable = registryAvailable('none');

describe.skipIf(unavailable !== null)(`stop() mid-run (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  const fixture = useAppFixture();
  let fake: FakeRegistry;
  beforeAll(async () => {
    fake = await startFakeRegistry();
    fake.behaviour = 'hang';
  });
  afterAll(() => fake?.stop());

  it('cancels checks in flight without saving them and leaves the database consistent (fake registry that hangs)', async () => {
    const hung = [`${fake.host}/slow/a:1.0`, `${fake.host}/slow/b:1.0`];
    const good = [
      `${registry.peer.host}/fixtures/single-oci:1.0.0`,
      `${registry.peer.host}/fixtures/multi-oci:1.26.0`,
    ];
    const app = await fixture.app({ platforms: [await fixture.list('l.txt', [...hung, ...good])] });
    const done = new Set<string>();
    const running = new Set<string>();
    await new Promise<void>((resolve) => {
      app.on('progress', (event) => {
        if (event.type === 'running') running.add(event.reference);
        if (event.type === 'done') done.add(event.reference);
        if (done.size === good.length && hung.every((reference) => running.has(reference))) resolve();
      });
    });
    await app.stop();
    await app.stop(); // idempotent

    const path = join(fixture.dataDir(), 'cupdate.db');
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const statuses = db.prepare('SELECT reference, status FROM images ORDER BY reference').all();
    db.close();
    // The rows as stop() left them: the hung checks were never saved.
    expect(statuses).toEqual(
      [
        ...good.map((reference) => ({ reference, status: 'done' })),
        ...hung.map((reference) => ({ reference, status: 'processing' })),
      ].sort((a, b) => a.reference.localeCompare(b.reference)),
    );

    const store = openStore(path);
    try {
      for (const reference of hung) {
        expect(store.getImage(reference)).toMatchObject({ status: 'pending', runs: [], result: null });
      }
      for (const reference of good) {
        const image = store.getImage(reference);
        expect(image?.status).toBe('done');
        expect(image?.result).not.toBeNull();
        expect(image?.runs).toHaveLength(1);
      }
    } finally {
      store.close();
    }
  });
});

describe('stop() before the platforms reported', () => {
  const fixture = useAppFixture();

  it('waits for a platform still connecting and never touches the closed store (issue: serve crashed on a quick switch)', async () => {
    let release: () => void = () => {};
    const slow: Platform = {
      id: 'slow',
      type: 'fixed',
      // Reports its graph only when released, like a kube context still listing.
      start: (emit) =>
        new Promise<void>((resolve) => {
          release = () => {
            emit({ type: 'graph', nodes: [], edges: [] });
            resolve();
          };
        }),
      // Like a watch whose socket closes a moment after stop() returned.
      stop: async () => void setTimeout(() => release(), 20),
    };
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const app = await fixture.app({ platforms: [slow] });
      await app.stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
