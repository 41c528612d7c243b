import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../internal/model/summary.js';
import { outdatedCount, trayTooltip, updatesNotification } from './desktop-status.js';

const summary = (outdated: StoreSummary['outdated'], total: number): StoreSummary => ({
  total,
  outdated,
  upToDate: 0,
  vulnerable: 0,
  failed: 0,
  processing: 0,
  pending: 0,
});

describe('desktop status', () => {
  it('counts every kind of update as outdated', () => {
    expect(outdatedCount(summary({ major: 1, minor: 2, patch: 3, digest: 4 }, 20))).toBe(10);
  });

  it('says in the tooltip how many images have updates, and when there are none', () => {
    expect(trayTooltip(summary({ major: 0, minor: 0, patch: 0, digest: 0 }, 0))).toBe(
      'Cupdate: no images found yet',
    );
    expect(trayTooltip(summary({ major: 0, minor: 0, patch: 0, digest: 0 }, 5))).toBe(
      'Cupdate: all 5 images are up to date',
    );
    expect(trayTooltip(summary({ major: 1, minor: 0, patch: 0, digest: 0 }, 5))).toBe(
      'Cupdate: 1 of 5 images has an update',
    );
    expect(trayTooltip(summary({ major: 1, minor: 1, patch: 0, digest: 0 }, 5))).toBe(
      'Cupdate: 2 of 5 images have updates',
    );
  });

  it('names at most three images in a notification and counts the rest', () => {
    expect(updatesNotification(['a:1'])).toEqual({ title: 'An image has an update', body: 'a:1' });
    expect(updatesNotification(['a', 'b', 'c', 'd', 'e'])).toEqual({
      title: '5 images have updates',
      body: 'a, b, c and 2 more',
    });
  });
});
