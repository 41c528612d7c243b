// Step 6, the last of the `oci` job: the job's answer in the core's shapes (internal/model/):
// the update result, the result tags and the links found so far (the source repository and the
// image's registry page). Enrichment jobs that need `oci` add descriptions, links, notes and
// vulnerabilities; merge-enrichment.ts merges them into this.
import type { DigestPair, RemoteTag } from '../oci/check.js';
import type { ImageReference } from '../oci/reference.js';
import { registryLink } from '../sources/links.js';
import type { SourceRepository } from '../sources/source-repository.js';
import type { Link, UpdateKind, UpdateResult } from '../model/image.js';
import type { TagVerdict, Updates } from '../version/types.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';
import type { LatestImage } from './latest-image-step.js';
import { updateTags } from './result-tags.js';

/** The update result before the app stamps `checkedAt` on it. */
export type CheckedUpdate = Omit<UpdateResult<readonly TagVerdict[]>, 'checkedAt'>;

export const summarizeStep = defineStep({
  id: 'summarize',
  name: 'Summarize the result',
  inputs: {
    image: requiredInput<ImageReference>(),
    tag: requiredInput<string | null>(),
    current: requiredInput<DigestPair>(),
    remote: requiredInput<RemoteTag | null>(),
    kind: requiredInput<UpdateKind>(),
    updates: requiredInput<Updates>(),
    explain: requiredInput<readonly TagVerdict[]>(),
    latestReference: requiredInput<string | null>(),
    /** Read only when an enrichment job needs it: a versions-only result has no candidate digest. */
    latest: optionalInput<LatestImage>(),
    source: requiredInput<SourceRepository | null>(),
  },
  outputs: { result: output<CheckedUpdate>(), tags: output<string[]>(), links: output<Link[]>() },
  run: (_ctx, inputs) => {
    const { image, tag, current, remote, kind, updates } = inputs;
    // A digest update points at what the running tag names now; a tag update at the new tag's
    // content, known only when it was read.
    const latestDigest =
      kind === 'none' ? null : kind === 'digest' ? (remote?.digest ?? null) : (inputs.latest?.digest ?? null);
    const result: CheckedUpdate = {
      currentTag: tag,
      currentDigest: image.digest ?? current.indexDigest ?? current.platformDigest,
      latestReference: inputs.latestReference,
      latestDigest,
      kind,
      candidates: { patch: updates.patch, minor: updates.minor, major: updates.major },
      explanation: inputs.explain,
    };
    const registry = registryLink(image.toString(), inputs.source);
    const links: Link[] = [
      ...(inputs.source === null ? [] : [{ type: 'source', url: inputs.source.url }]),
      ...(registry === null ? [] : [registry]),
    ];
    return { result, tags: updateTags(kind), links };
  },
});
