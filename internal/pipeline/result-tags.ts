// The tags a processed image carries in the store (docs/pipeline.md): what the check found, and
// where the image runs. Tags are how the UI filters (`outdated`, `bump:major`, `namespace:prod`).
import type { UpdateKind } from '../model/image.js';

export type ResultTag = 'outdated' | 'up-to-date' | 'failed' | `bump:${Exclude<UpdateKind, 'none'>}`;

/** `outdated` + `bump:<kind>` for an update, `up-to-date` for none. */
export function updateTags(kind: UpdateKind): ResultTag[] {
  return kind === 'none' ? ['up-to-date'] : ['outdated', `bump:${kind}`];
}

export const FAILED_TAGS: readonly ResultTag[] = ['failed'];
