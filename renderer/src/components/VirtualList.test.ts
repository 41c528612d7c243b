import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import VirtualList from './VirtualList.svelte';

let mounted: Mounted | undefined;
afterEach(() => mounted?.destroy());

const row = createRawSnippet((index: () => number) => ({ render: () => `<span>Row ${index()}</span>` }));

const tenThousandRows = {
  count: 10_000,
  rowHeight: 40,
  row,
  overscan: 5,
  estimatedHeight: 400,
  label: 'Images',
};

function renderedIndexes(root: HTMLElement): number[] {
  return [...root.querySelectorAll('[data-index]')].map((el) => Number(el.getAttribute('data-index')));
}

describe('VirtualList', () => {
  it('puts only the visible rows (plus overscan) of 10,000 in the DOM', () => {
    const ranges: [number, number][] = [];
    mounted = mountInto(VirtualList, {
      ...tenThousandRows,
      onrange: (start: number, end: number) => ranges.push([start, end]),
    });
    const indexes = renderedIndexes(mounted.target);
    // 400 px / 40 px = 10 rows, +1 partly visible, +5 below; none above at the top.
    expect(indexes).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(mounted.target.textContent).toContain('Row 0');
    expect(mounted.target.textContent).not.toContain('Row 16');
    expect(ranges.at(-1)).toEqual([0, 16]);
    // The scroll height still stands for all 10,000 rows.
    const content = mounted.target.querySelector<HTMLElement>('.content');
    expect(content?.style.height).toBe('400000px');
  });

  it('draws the rows around the scroll position after a scroll', async () => {
    mounted = mountInto(VirtualList, tenThousandRows);
    const viewport = mounted.target.querySelector<HTMLElement>('[role="list"]');
    if (viewport === null) throw new Error('no viewport');
    viewport.scrollTop = 5000 * 40;
    viewport.dispatchEvent(new Event('scroll'));
    await settled();
    const indexes = renderedIndexes(mounted.target);
    expect(indexes[0]).toBe(4995);
    expect(indexes.at(-1)).toBe(5015);
    expect(indexes.length).toBeLessThanOrEqual(21);
    const window = mounted.target.querySelector<HTMLElement>('.window');
    expect(window?.style.transform).toBe(`translateY(${4995 * 40}px)`);
  });
});
