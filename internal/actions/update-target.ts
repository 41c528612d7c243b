// Which updates an image has, and the target of the one the user picks: the candidate tag of a
// bump, or the running tag for a digest update, with the digest when the check already knows it
// (the latest candidate's index digest: internal/pipeline/summarize-step.ts).
import type { UpdateResult } from '../model/image.js';
import { isDigest } from '../oci/reference.js';
import type { Bump, UpdateTarget } from './types.js';

const TAG_BUMPS = ['major', 'minor', 'patch'] as const;
/** distribution's tag grammar (reference/regexp.go). */
const TAG = /^[\w][\w.-]{0,127}$/;

/** Asked for an update the image does not have. */
export class NoSuchUpdateError extends Error {
  override readonly name = 'NoSuchUpdateError';
  constructor(
    readonly reference: string,
    readonly bump: Bump | null,
    problem: string,
  ) {
    super(`image ${JSON.stringify(reference)} ${problem}`);
  }
}

/** The bumps with a candidate, biggest first. */
export function availableBumps(result: UpdateResult): Bump[] {
  const tags = TAG_BUMPS.filter((bump) => result.candidates[bump] !== null);
  return result.kind === 'digest' ? [...tags, 'digest'] : tags;
}

/** The target of `bump` (default: the biggest update) and every bump the image has. */
export function updateTarget(
  reference: string,
  result: UpdateResult | null,
  bump?: Bump,
): { target: UpdateTarget; bumps: Bump[] } {
  if (result === null)
    throw new NoSuchUpdateError(reference, bump ?? null, 'was not checked yet; check it first');
  if (result.kind === 'none')
    throw new NoSuchUpdateError(reference, bump ?? null, 'is up to date: there is nothing to update');
  const bumps = availableBumps(result);
  const picked = bump ?? result.kind;
  const tag = picked === 'digest' ? result.currentTag : result.candidates[picked];
  if (!bumps.includes(picked) || tag === null) {
    const offer = bumps.map((b) => (b === 'digest' ? 'digest' : `${b} (${result.candidates[b]})`)).join(', ');
    throw new NoSuchUpdateError(reference, picked, `has no ${picked} update; pick one of: ${offer}`);
  }
  // Tags and digests come from a registry: one that is not valid never reaches a command.
  if (!TAG.test(tag))
    throw new NoSuchUpdateError(
      reference,
      picked,
      `has a ${picked} candidate ${JSON.stringify(tag)} that is not a valid tag`,
    );
  const digest = picked === result.kind ? result.latestDigest : null;
  return {
    target: { bump: picked, tag, digest: digest !== null && isDigest(digest) ? digest : null },
    bumps,
  };
}
