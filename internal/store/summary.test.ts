import { describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import { dockerGraph, processedDone } from './testing/sample-data.js';
import type { UpdateKind } from '../model/image.js';

describe('summary', () => {
  it('is all zeros for an empty store', () => {
    const store = openStore(':memory:');
    expect(store.summary()).toEqual({
      total: 0,
      outdated: { major: 0, minor: 0, patch: 0, digest: 0 },
      upToDate: 0,
      vulnerable: 0,
      failed: 0,
      processing: 0,
      pending: 0,
    });
    store.close();
  });

  it('counts update kinds, vulnerable, failed, processing and pending images that run somewhere', () => {
    const store = openStore(':memory:');
    const kinds: UpdateKind[] = ['major', 'major', 'minor', 'patch', 'digest', 'none', 'none', 'none'];
    const checked = kinds.map((_, i) => `checked:${i}`);
    const { nodes, edges } = dockerGraph('docker:a', [
      ...checked,
      'failing:1',
      'busy:1',
      'new:1',
      'new:2',
      'gone:1',
    ]);
    store.replacePlatformGraph('docker:a', nodes, edges);
    kinds.forEach((kind, i) =>
      store.saveProcessed(processedDone(`checked:${i}`, kind, { vulnerabilities: i < 3 ? 1 : 0 })),
    );
    store.saveProcessed({
      status: 'failed',
      reference: 'failing:1',
      processedAt: 1,
      error: 'boom',
      tags: ['failed'],
      run: { status: 'failed', startedAt: 0, durationMs: 1, record: null },
    });
    store.markProcessing('busy:1');
    store.saveProcessed(processedDone('gone:1', 'major', { vulnerabilities: 1 }));
    // gone:1 stops running: it no longer counts.
    const remaining = dockerGraph('docker:a', [...checked, 'failing:1', 'busy:1', 'new:1', 'new:2']);
    store.replacePlatformGraph('docker:a', remaining.nodes, remaining.edges);

    expect(store.summary()).toEqual({
      total: 12,
      outdated: { major: 2, minor: 1, patch: 1, digest: 1 },
      upToDate: 3,
      vulnerable: 3,
      failed: 1,
      processing: 1,
      pending: 2,
    });
    store.close();
  });
});
