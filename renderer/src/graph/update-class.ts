// How an image's check result is drawn, and which of several is the most urgent (a collapsed
// namespace or workload takes the colour of its most urgent image).
import type { ImageUpdateState, UpdateClass } from './types.js';

/** Most urgent first. */
export const UPDATE_CLASSES: readonly UpdateClass[] = [
  'major',
  'minor',
  'patch',
  'digest',
  'failed',
  'unknown',
  'up-to-date',
];

const OUTDATED = new Set<UpdateClass>(['major', 'minor', 'patch', 'digest']);

export function updateClassOf(state: ImageUpdateState | undefined): UpdateClass {
  if (state === undefined) return 'unknown';
  if (state.error !== null) return 'failed';
  if (state.kind === null) return 'unknown';
  return state.kind === 'none' ? 'up-to-date' : state.kind;
}

export function isOutdated(update: UpdateClass): boolean {
  return OUTDATED.has(update);
}

export function mostUrgent(a: UpdateClass, b: UpdateClass): UpdateClass {
  return UPDATE_CLASSES.indexOf(a) <= UPDATE_CLASSES.indexOf(b) ? a : b;
}
