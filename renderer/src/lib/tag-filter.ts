// The Images page's tag chips: each tag is off, required or excluded; required tags match all or any.
import type { TagFilter } from '../../../internal/model/image-query.js';

export type ChipState = 'off' | 'include' | 'exclude';
export type IncludeMode = 'all' | 'any';

/** A click moves a chip off → include → exclude → off. */
export function nextChipState(state: ChipState): ChipState {
  return state === 'off' ? 'include' : state === 'include' ? 'exclude' : 'off';
}

/** The store's filter for the chips; undefined when no chip is on (no filtering). */
export function toTagFilter(chips: ReadonlyMap<string, ChipState>, mode: IncludeMode): TagFilter | undefined {
  const included = [...chips].filter(([, state]) => state === 'include').map(([tag]) => tag);
  const excluded = [...chips].filter(([, state]) => state === 'exclude').map(([tag]) => tag);
  if (included.length === 0 && excluded.length === 0) return undefined;
  return {
    ...(included.length > 0 ? { [mode]: included } : {}),
    ...(excluded.length > 0 ? { none: excluded } : {}),
  };
}

/** Tags every store knows (internal/pipeline/result-tags.ts), offered before any image was listed. */
export const KNOWN_TAGS: readonly string[] = [
  'outdated',
  'up-to-date',
  'failed',
  'bump:major',
  'bump:minor',
  'bump:patch',
  'bump:digest',
];
