import { describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.js';
import { RUNS_KEPT_PER_IMAGE } from './runs.js';
import { dockerGraph, processedDone } from './testing/sample-data.js';
import type { Severity } from '../model/image.js';

function storeWith(references: string[]): Store {
  const store = openStore(':memory:', { now: () => 500 });
  const { nodes, edges } = dockerGraph('docker:a', references);
  store.replacePlatformGraph('docker:a', nodes, edges);
  return store;
}

describe('saveProcessed', () => {
  it('stores a finished check and getImage gives all of it back', () => {
    const store = storeWith(['nginx:1.25']);
    const processed = {
      ...processedDone('nginx:1.25', 'major', { at: 2_000, notes: 2, vulnerabilities: 2 }),
      history: [{ kind: 'update-found', details: { to: 'nginx:2.0.0' } }] as const,
    };
    store.saveProcessed(processed);
    const image = store.getImage('nginx:1.25');
    expect(image).toMatchObject({
      reference: 'nginx:1.25',
      status: 'done',
      error: null,
      lastProcessed: 2_000,
      tags: ['bump:major', 'outdated'],
      update: { kind: 'major', latestReference: 'nginx:2.0.0', checkedAt: 2_000 },
      vulnerabilityCount: 2,
      description: processed.description,
      links: [...processed.links].sort((a, b) => a.type.localeCompare(b.type)),
      releaseNotes: processed.releaseNotes, // newest published first, as built
    });
    expect(image?.result).toEqual(processed.result);
    expect(image?.vulnerabilities.map((v) => `${v.severity} ${v.id}`)).toEqual([
      'high CVE-2026-1000',
      'low CVE-2026-1001',
    ]);
    expect(image?.runs).toEqual([processed.run]);
    expect(image?.history.map((entry) => entry.kind)).toEqual(['update-found', 'appeared']);
    expect(image?.history[0]?.details).toEqual({ to: 'nginx:2.0.0' });
    store.close();
  });

  it('replaces tags, links, notes, vulnerabilities and their search text on the next check', () => {
    const store = storeWith(['nginx:1.25']);
    const matches = (query: string) =>
      store.listImages({ query, sort: 'name', order: 'asc', limit: 10, offset: 0 }).total;
    store.saveProcessed(processedDone('nginx:1.25', 'major', { notes: 3, vulnerabilities: 3 }));
    expect([matches('sample'), matches('release')]).toEqual([1, 1]);
    store.saveProcessed({
      ...processedDone('nginx:1.25', 'none', { notes: 0 }),
      description: null,
      links: [],
    });
    // The search index follows: the description and the dropped note titles no longer match.
    expect([matches('sample'), matches('release'), matches('nginx')]).toEqual([0, 0, 1]);
    expect(store.getImage('nginx:1.25')).toMatchObject({
      tags: ['up-to-date'],
      update: { kind: 'none', latestReference: null },
      description: null,
      links: [],
      releaseNotes: [],
      vulnerabilities: [],
      vulnerabilityCount: 0,
    });
    store.close();
  });

  it('records a failure, keeping the last good result', () => {
    const store = storeWith(['nginx:1.25']);
    store.saveProcessed(processedDone('nginx:1.25', 'minor'));
    store.saveProcessed({
      status: 'failed',
      reference: 'nginx:1.25',
      processedAt: 9_000,
      error: 'registry answered 503',
      tags: ['failed'],
      run: { status: 'failed', startedAt: 8_900, durationMs: 100, record: { failedStep: 'oci' } },
    });
    expect(store.getImage('nginx:1.25')).toMatchObject({
      status: 'failed',
      error: 'registry answered 503',
      lastProcessed: 9_000,
      tags: ['failed'],
      update: { kind: 'minor' },
      runs: [{ status: 'failed', record: { failedStep: 'oci' } }, { status: 'succeeded' }],
    });
    store.close();
  });

  it(`keeps the newest ${RUNS_KEPT_PER_IMAGE} run records per image`, () => {
    const store = storeWith(['nginx:1.25']);
    for (let i = 0; i < RUNS_KEPT_PER_IMAGE + 5; i++)
      store.saveProcessed(processedDone('nginx:1.25', 'none', { at: 10_000 + i }));
    const runs = store.getImage('nginx:1.25')?.runs ?? [];
    expect(runs).toHaveLength(RUNS_KEPT_PER_IMAGE);
    expect(runs[0]?.startedAt).toBe(10_000 + RUNS_KEPT_PER_IMAGE + 4 - 50);
    store.close();
  });

  it('writes nothing when any part is refused: one transaction', () => {
    const store = storeWith(['nginx:1.25']);
    store.saveProcessed(processedDone('nginx:1.25', 'minor', { vulnerabilities: 1 }));
    const before = store.getImage('nginx:1.25');
    const bad = processedDone('nginx:1.25', 'major', { at: 5_000, vulnerabilities: 1 });
    // The severity CHECK fails after status, result, tags and notes were already written in the transaction.
    const refused = {
      ...bad,
      vulnerabilities: [{ ...bad.vulnerabilities[0]!, severity: 'catastrophic' as Severity }],
    };
    expect(() => store.saveProcessed(refused)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(store.getImage('nginx:1.25')).toEqual(before);
    store.close();
  });

  it('refuses an explanation JSON cannot hold, naming the field', () => {
    const store = storeWith(['nginx:1.25']);
    const processed = processedDone('nginx:1.25', 'minor');
    const bad = { ...processed, result: { ...processed.result, explanation: { big: 10n } } };
    expect(() => store.saveProcessed(bad)).toThrow(/result explanation cannot be stored as JSON/);
    expect(store.getImage('nginx:1.25')?.status).toBe('pending');
    store.close();
  });
});
