// What the tray, the dock/taskbar badge and OS notifications say, from the API's own events.
import type { StoreSummary } from '../internal/model/summary.js';

export function outdatedCount(summary: StoreSummary): number {
  const { major, minor, patch, digest } = summary.outdated;
  return major + minor + patch + digest;
}

export function trayTooltip(summary: StoreSummary): string {
  const outdated = outdatedCount(summary);
  if (summary.total === 0) return 'Cupdate: no images found yet';
  if (outdated === 0) return `Cupdate: all ${summary.total} images are up to date`;
  return `Cupdate: ${outdated} of ${summary.total} images ${outdated === 1 ? 'has an update' : 'have updates'}`;
}

/** At most this many references are named in one notification; the rest are counted. */
const NAMED_IN_NOTIFICATION = 3;

export function updatesNotification(references: readonly string[]): { title: string; body: string } {
  const named = references.slice(0, NAMED_IN_NOTIFICATION).join(', ');
  const more = references.length - NAMED_IN_NOTIFICATION;
  return {
    title: references.length === 1 ? 'An image has an update' : `${references.length} images have updates`,
    body: more > 0 ? `${named} and ${more} more` : named,
  };
}
