// "Check all now" (the File menu): the contract checks one image at a time, so this asks for every
// image the platforms run, page by page.
import type { Session } from '../internal/api/session.js';
import { UnknownImageError } from '../internal/app.js';

const PAGE = 1000;

/** Queues every running image; returns how many were queued. */
export function checkAllNow(session: Pick<Session, 'listImages' | 'checkNow'>): number {
  let queued = 0;
  for (let offset = 0, total = 1; offset < total; offset += PAGE) {
    const page = session.listImages({ sort: 'name', order: 'asc', limit: PAGE, offset });
    total = page.total;
    for (const { reference } of page.items) {
      try {
        session.checkNow(reference);
        queued += 1;
      } catch (error) {
        // It stopped running between the listing and now: nothing to check.
        if (!(error instanceof UnknownImageError)) throw error;
      }
    }
  }
  return queued;
}
