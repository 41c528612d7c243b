import { afterEach, describe, expect, it } from 'vitest';
import { fakeBridge } from '../testing/fake-bridge.js';
import { nginx, populatedHandlers } from '../testing/fixtures.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import ImagePage from './ImagePage.svelte';

let mounted: Mounted | undefined;
afterEach(() => mounted?.destroy());

describe('Image page (fake bridge: the core cannot run in happy-dom)', () => {
  it('shows versions, candidates, the why table, notes, vulnerabilities, where it runs and the last run', async () => {
    const bridge = fakeBridge(populatedHandlers(10));
    mounted = mountInto(ImagePage, { bridge, reference: nginx.reference });
    await settled();
    const text = mounted.target.textContent ?? '';
    expect(text).toContain('docker.io/library/nginx:1.27.3');
    expect(text).toMatch(/patch\s*1\.25\.5/);
    expect(text).toMatch(/minor\s*1\.27\.3/);
    const section = (title: string): Element | null =>
      mounted!.target.querySelector(`section[aria-label="${title}"]`);
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
    const bridge = fakeBridge(populatedHandlers(10));
    mounted = mountInto(ImagePage, { bridge, reference: nginx.reference });
    await settled();
    const button = [...mounted.target.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Check now'),
    );
    button?.click();
    await settled();
    expect(bridge.calls.at(-1)).toEqual({ method: 'checkNow', params: { reference: nginx.reference } });
    expect(button?.textContent).toContain('Queued');
    expect(button?.disabled).toBe(true);
  });

  it('reloads when its image was updated, and says so when the image is unknown', async () => {
    const bridge = fakeBridge(populatedHandlers(10));
    mounted = mountInto(ImagePage, { bridge, reference: 'docker.io/library/gone:1' });
    await settled();
    expect(mounted.target.textContent).toContain('No such image');
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
