import { describe, expect, it } from 'vitest';
import { openStore } from './store.js';

describe('settings and rules', () => {
  it('round-trips settings as JSON and answers undefined for unknown keys', () => {
    const store = openStore(':memory:');
    expect(store.getSetting('minimumAgeMs')).toBeUndefined();
    store.setSetting('minimumAgeMs', 3_600_000);
    store.setSetting('registries', {
      'registry.test': { concurrency: 2, insecure: true },
      mirrors: ['a', 'b'],
    });
    store.setSetting('minimumAgeMs', 7_200_000);
    expect(store.getSetting('minimumAgeMs')).toBe(7_200_000);
    expect(store.getSetting('registries')).toEqual({
      'registry.test': { concurrency: 2, insecure: true },
      mirrors: ['a', 'b'],
    });
    store.setSetting('nothing', null);
    expect(store.getSetting('nothing')).toBeNull();
    store.close();
  });

  it('refuses a value JSON cannot hold, naming the setting', () => {
    const store = openStore(':memory:');
    expect(() => store.setSetting('bad', undefined)).toThrow(
      /setting bad cannot be stored as JSON \(it is undefined\)/,
    );
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => store.setRule('docker.io/*', cyclic)).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        message: expect.stringContaining('rule for docker.io/*'),
      }),
    );
    store.close();
  });

  it('keeps one rule per pattern, replaced on set, listed by pattern, deleted by pattern', () => {
    const store = openStore(':memory:');
    store.setRule('ghcr.io/acme/*', { stayOnCurrentMajor: true });
    store.setRule('docker.io/library/postgres', { stayBelow: '17' });
    store.setRule('ghcr.io/acme/*', { exclude: ['-rc'] });
    expect(store.listRules()).toEqual([
      { pattern: 'docker.io/library/postgres', rule: { stayBelow: '17' } },
      { pattern: 'ghcr.io/acme/*', rule: { exclude: ['-rc'] } },
    ]);
    store.deleteRule('docker.io/library/postgres');
    expect(store.listRules().map((r) => r.pattern)).toEqual(['ghcr.io/acme/*']);
    store.close();
  });
});
