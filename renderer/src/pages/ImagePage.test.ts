import { afterEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../stores/create-stores.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { nginx, populatedHandlers } from '../testing/fixtures.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import ImagePage from './ImagePage.svelte';

let mounted: Mounted | undefined;
let stores: Stores | undefined;
afterEach(() => {
  mounted?.destroy();
  stores?.dispose();
});

/** The page on the whole state layer, so events reach it the way they do in the app. */
async function open(reference: string) {
  const bridge = fakeBridge(populatedHandlers(10));
  stores = createStores(bridge);
  await settled();
  mounted = mountInto(ImagePage, { images: stores.images, reference });
  await settled();
  return { bridge, target: mounted.target };
}

describe('Image page (fake bridge: the core cannot run in happy-dom)', () => {
  it('shows versions, candidates, the why table, notes, vulnerabilities, where it runs and the last run', async () => {
    const { target } = await open(nginx.reference);
    const text = target.textContent ?? '';
    expect(text).toContain('docker.io/library/nginx:1.27.3');
    expect(text).toMatch(/patch\s*1\.25\.5/);
    expect(text).toMatch(/minor\s*1\.27\.3/);
    const section = (title: string): Element | null => target.querySelector(`section[aria-label="${title}"]`);
    expect(section('Why this version')?.querySelectorAll('tbody tr')).toHaveLength(10);
    expect(section('Release notes')?.textContent).toContain('nginx 1.27.3');
    expect(section('Vulnerabilities')?.textContent).toMatch(
      /high\s*CVE-2025-23419[\s\S]*medium\s*CVE-2024-7347/,
    );
    expect(section('Where it runs')?.querySelectorAll('li')).toHaveLength(9);
    expect(section('Last check')?.textContent).toContain('List tags');
    expect(section('Last check')?.textContent).toContain('2 attempts');
    // A `javascript:` link from a source is shown as text, never made clickable.
    const links = [...(section('Links')?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://github.com/nginxinc/docker-nginx', 'https://nginx.org/']);
  });

  it('queues a check with "Check now"', async () => {
    const { bridge, target } = await open(nginx.reference);
    const button = [...target.querySelectorAll('button')].find((b) => b.textContent?.includes('Check now'));
    button?.click();
    await settled();
    expect(bridge.calls.at(-1)).toEqual({ method: 'checkNow', params: { reference: nginx.reference } });
    expect(button?.textContent).toContain('Queued');
    expect(button?.disabled).toBe(true);
  });

  it('reloads when its image was updated, and says so when the image is unknown', async () => {
    const { bridge, target } = await open('docker.io/library/gone:1');
    expect(target.textContent).toContain('No such image');
    const before = bridge.calls.length;
    bridge.emit('image-updated', {
      reference: 'docker.io/library/gone:1',
      kind: 'none',
      latestReference: null,
      error: null,
    });
    bridge.emit('image-updated', {
      reference: 'docker.io/library/other:1',
      kind: 'none',
      latestReference: null,
      error: null,
    });
    await settled();
    expect(bridge.calls.slice(before).map((c) => c.method)).toEqual(['getImage']);
  });
});
