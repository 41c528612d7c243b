import { describe, expect, it } from 'vitest';
import type { HostBudget } from '../http/types.js';
import { registryLimit, registryOf } from './registry-limit.js';

function budget(host: string, pausedUntil: number | null, breaker: HostBudget['breaker'] = null): HostBudget {
  return {
    host,
    limit: null,
    remaining: null,
    resetAt: null,
    pausedUntil,
    inFlight: 0,
    requests: 1,
    breaker,
  };
}

describe('registryLimit', () => {
  const now = () => 1_000_000;
  const limitWith = (budgets: HostBudget[]) => registryLimit({ budgets: () => budgets }, {}, 4, now);

  it('is 0 while the registry host is paused for a short while, else the per-registry limit', () => {
    expect(limitWith([budget('127.0.0.1:5000', now() + 2_000)])('127.0.0.1:5000')).toBe(0);
    expect(limitWith([budget('127.0.0.1:5000', now() - 1)])('127.0.0.1:5000')).toBe(4);
    expect(limitWith([budget('127.0.0.1:5000', now() + 2_000)])('127.0.0.1:5001')).toBe(4);
  });

  it('maps docker.io to the host its API lives on', () => {
    expect(limitWith([budget('registry-1.docker.io', now() + 2_000)])('docker.io')).toBe(0);
  });

  it('lets images run (and fail fast, saying when to retry) when the pause is long', () => {
    expect(limitWith([budget('ghcr.io', now() + 3_600_000)])('ghcr.io')).toBe(4);
  });

  it('lets the images of a host paused for hanging run (they fail fast), but holds them while its probe is out', () => {
    const paused = { timeouts: 2, timeoutMs: 30_000, retryAt: now() + 20_000, probing: false };
    expect(limitWith([budget('127.0.0.1:5000', null, paused)])('127.0.0.1:5000')).toBe(4);
    const probing = { ...paused, retryAt: now() - 1, probing: true };
    expect(limitWith([budget('127.0.0.1:5000', null, probing)])('127.0.0.1:5000')).toBe(0);
  });
});

describe('registryOf', () => {
  it('is the registry domain, and one shared bucket for malformed references', () => {
    expect(registryOf('nginx:1.25')).toBe('docker.io');
    expect(registryOf('127.0.0.1:5000/a/b:1')).toBe('127.0.0.1:5000');
    expect(registryOf('Not A Reference')).toBe(registryOf('also//bad'));
  });
});
