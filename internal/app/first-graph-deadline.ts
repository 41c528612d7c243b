// Every platform's first graph has a deadline (issue 15: a kube context whose exec credential
// plugin hung kept `scan` from checking any other platform). A platform that misses it is shown
// failed, saying what it was doing, and the others go ahead; it keeps trying and joins in when its
// graph comes (its own next status replaces this one).
import { durationText } from '../platform/duration-text.js';
import type { PlatformStatus } from '../platform/platform.js';

/** Resolves when `started` does or once `ms` have passed, then calling `missed`. */
export function firstGraphDeadline(started: Promise<void>, ms: number, missed: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      missed();
      resolve();
    }, ms);
  });
  return Promise.race([started, deadline]).finally(() => clearTimeout(timer));
}

/** The status of a platform that missed the deadline, from the one it last reported. */
export function missedFirstGraph(last: PlatformStatus | undefined, ms: number): PlatformStatus {
  const doing =
    last === undefined || !('reason' in last) ? `still ${last?.state ?? 'connecting'}` : last.reason;
  return {
    state: 'failed',
    reason: `no first graph within ${durationText(ms)} (${doing}); the other platforms go ahead, and this one joins in when it can`,
    ...(last !== undefined && 'access' in last && last.access !== undefined ? { access: last.access } : {}),
  };
}
