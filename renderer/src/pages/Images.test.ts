import { afterEach, describe, expect, it } from 'vitest';
import type { ListImagesQuery } from '../../../internal/model/image-query.js';
import { ImageChecksStore } from '../stores/image-checks.js';
import { ImagesStore } from '../stores/images.js';
import { fakeBridge, type FakeBridge } from '../testing/fake-bridge.js';
import { populatedHandlers } from '../testing/fixtures.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import Images from './Images.svelte';

let mounted: Mounted | undefined;
afterEach(() => mounted?.destroy());

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function open(bridge: FakeBridge): Promise<HTMLElement> {
  mounted = mountInto(Images, { images: new ImagesStore(bridge, new ImageChecksStore()) });
  await wait(200); // the query is debounced
  await settled();
  return mounted.target;
}

function listQueries(bridge: FakeBridge): ListImagesQuery[] {
  return bridge.calls.filter((c) => c.method === 'listImages').map((c) => c.params as ListImagesQuery);
}

describe('Images page (fake bridge: the core cannot run in happy-dom)', () => {
  it('lists 10,000 images with only the visible rows in the DOM, fetched one page at a time', async () => {
    const bridge = fakeBridge(populatedHandlers(10_000));
    const root = await open(bridge);
    expect(root.textContent).toContain('10,000 images');
    const rows = root.querySelectorAll('[data-index]');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    // Sorted by update size, biggest first: the first row is a major update with its latest version.
    expect(rows[0]?.textContent).toMatch(/major/);
    expect(rows[0]?.textContent).toContain('→ 2.0.0');
    expect(listQueries(bridge)).toEqual([{ sort: 'update', order: 'desc', limit: 200, offset: 0 }]);
  });

  it('searches, and combines tag chips as required (and/or) and excluded', async () => {
    const bridge = fakeBridge(populatedHandlers(700));
    const root = await open(bridge);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (search === null) throw new Error('no search box');
    search.value = 'postgres';
    search.dispatchEvent(new Event('input'));
    const chip = (name: string): HTMLButtonElement => {
      const found = [...root.querySelectorAll<HTMLButtonElement>('button.chip')].find((b) =>
        b.textContent?.endsWith(name),
      );
      if (found === undefined) throw new Error(`no chip ${name}`);
      return found;
    };
    chip('outdated').click(); // required
    chip('failed').click();
    chip('failed').click(); // excluded
    await wait(200);
    await settled();
    expect(listQueries(bridge).at(-1)).toEqual({
      query: 'postgres',
      tags: { all: ['outdated'], none: ['failed'] },
      sort: 'update',
      order: 'desc',
      limit: 200,
      offset: 0,
    });
    const rows = [...root.querySelectorAll('[data-index]')];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.textContent).toContain('postgres');
    root.querySelector<HTMLButtonElement>('button.mode')?.click();
    await wait(200);
    await settled();
    expect(listQueries(bridge).at(-1)?.tags).toEqual({ any: ['outdated'], none: ['failed'] });
  });

  it('says what to do when nothing matches', async () => {
    const bridge = fakeBridge(populatedHandlers(50));
    const root = await open(bridge);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (search === null) throw new Error('no search box');
    search.value = 'zzz-nothing';
    search.dispatchEvent(new Event('input'));
    await wait(200);
    await settled();
    expect(root.textContent).toContain('No image matches');
    expect(root.textContent).toContain('Clear search and filters');
  });

  it('shows the core’s error with a retry when listing fails', async () => {
    const bridge = fakeBridge({
      listImages: () => {
        throw { code: 'unavailable', message: 'The store is being migrated: try again in a few seconds.' };
      },
    });
    const root = await open(bridge);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('The store is being migrated');
    expect(root.textContent).toContain('Try again');
  });
});
