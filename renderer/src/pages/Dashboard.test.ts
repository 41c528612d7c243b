import { afterEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../stores/create-stores.js';
import { fakeBridge, type FakeHandlers } from '../testing/fake-bridge.js';
import { summary } from '../testing/fixtures.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import Dashboard from './Dashboard.svelte';

let mounted: Mounted | undefined;
let stores: Stores | undefined;
afterEach(() => {
  mounted?.destroy();
  stores?.dispose();
});

function mountDashboard(handlers: FakeHandlers) {
  const bridge = fakeBridge({ recentUpdates: () => [], ...handlers });
  stores = createStores(bridge);
  mounted = mountInto(Dashboard, {
    summary: stores.summary,
    progress: stores.progress,
    findings: stores.findings,
  });
  return { bridge, target: mounted.target };
}

describe('Dashboard (fake bridge: the core cannot run in happy-dom)', () => {
  it("shows the counts, the scan progress (the core's queue counts, what finished from progress events) and the recent findings", async () => {
    const { bridge, target } = mountDashboard({ summary: () => summary });
    await settled();
    const counts = target.querySelector('[aria-label="Counts"]')?.textContent?.replace(/\s+/g, ' ');
    expect(counts).toContain('Images 1,284');
    expect(counts).toContain('Major 37');
    expect(counts).toContain('Checking 31');

    for (const reference of ['a:1', 'b:1', 'c:1'])
      bridge.emit('progress', { type: 'queued', reference, priority: 'new' });
    bridge.emit('progress', { type: 'running', reference: 'a:1' });
    bridge.emit('progress', { type: 'done', reference: 'a:1', durationMs: 40 });
    bridge.emit('progress', { type: 'running', reference: 'b:1' });
    bridge.emit('progress', { type: 'failed', reference: 'b:1', durationMs: 40, error: 'registry down' });
    bridge.emit('image-updated', { reference: 'a:1', kind: 'major', latestReference: 'a:2', error: null });
    bridge.emit('image-updated', { reference: 'q:1', kind: 'none', latestReference: null, error: null });
    bridge.emit('summary', { ...summary, total: 1285 });
    bridge.emit('queue', { queued: 1, running: 0 });
    await settled();

    const scan = target.querySelector('[aria-label="Scan progress"]');
    expect(scan?.textContent?.replace(/\s+/g, ' ')).toContain('2 of 3 checked · 0 running · 1 failed');
    expect(scan?.querySelector('progress')?.getAttribute('value')).toBe('2');
    const recent = target.querySelector('[aria-label="Recent updates"]')?.textContent ?? '';
    expect(recent).toContain('a:1');
    expect(recent).toContain('a:2');
    expect(recent).not.toContain('q:1'); // up to date: not a finding
    expect(target.textContent).toContain('1,285');
  });

  it('shows the error and retries when the summary cannot be loaded', async () => {
    let fail = true;
    const { target } = mountDashboard({
      summary: () => {
        if (fail) throw { code: 'unavailable', message: 'The core is starting: try again.' };
        return summary;
      },
    });
    await settled();
    expect(target.querySelector('[role="alert"]')?.textContent).toContain('The core is starting');
    fail = false;
    target.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await settled();
    expect(target.querySelector('[role="alert"]')).toBeNull();
    expect(target.textContent).toContain('1,284');
  });
});
