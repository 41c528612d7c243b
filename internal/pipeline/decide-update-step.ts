// Step 3 of the `oci` job: the size of the update. A newer tag wins over a changed digest (moving
// to 1.26 also picks up whatever was rebuilt); the biggest bump with a candidate names the kind.
import type { RemoteTag } from '../oci/check.js';
import type { ImageReference } from '../oci/reference.js';
import type { UpdateKind } from '../model/image.js';
import type { Updates } from '../version/types.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';

export function updateKind(updates: Updates, sameTagChanged: boolean): UpdateKind {
  if (updates.major !== null) return 'major';
  if (updates.minor !== null) return 'minor';
  if (updates.patch !== null) return 'patch';
  return sameTagChanged ? 'digest' : 'none';
}

export const decideUpdateStep = defineStep({
  id: 'decide',
  name: 'Decide the update',
  inputs: {
    image: requiredInput<ImageReference>(),
    tag: requiredInput<string | null>(),
    remote: requiredInput<RemoteTag | null>(),
    updates: requiredInput<Updates>(),
    sameTagChanged: requiredInput<boolean>(),
  },
  outputs: {
    kind: output<UpdateKind>(),
    /** The tag or digest whose manifest describes the newest image: the latest candidate, else what runs. */
    target: output<string>(),
    /** The digest `target` names when it is already known: what the running tag names now, from check's HEAD. */
    targetDigest: output<string | null>(),
    /** `<name>:<tag>` of the update; null when there is none. */
    latestReference: output<string | null>(),
    /** The newest allowed tag (the enrichment jobs' release range ends there); null when none is newer. */
    candidateTag: output<string | null>(),
  },
  run: (_ctx, { image, tag, remote, updates, sameTagChanged }) => {
    const kind = updateKind(updates, sameTagChanged);
    // A digest-only reference has no tag; checkImage then has nothing newer, and the digest is the target.
    const target = updates.latest ?? tag ?? image.digest ?? 'latest';
    const targetDigest = updates.latest === null ? (remote?.digest ?? image.digest ?? null) : null;
    const latestReference = kind === 'none' ? null : `${image.name}:${target}`;
    return { kind, target, targetDigest, latestReference, candidateTag: updates.latest };
  },
});
