// The `annotations` job: what the image says about itself in the OCI annotations and config labels
// the `oci` job read (internal/sources/annotations.ts). No request. The `oci` job read the newest
// image's metadata: the candidate's when there is an update, else the running image's. It reads
// them only when a job like this one is on, so the step skips its job when they are not there.
import { annotationsEnrichment } from '../sources/annotations.js';
import type { Enrichment } from '../sources/types.js';
import type { UpdateKind } from '../model/image.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';
import type { LatestImage } from './latest-image-step.js';

export const annotationsStep = defineStep({
  id: 'annotations',
  name: 'Read the OCI annotations and labels',
  inputs: {
    latest: optionalInput<LatestImage>(),
    kind: requiredInput<UpdateKind>(),
    currentTag: requiredInput<string | null>(),
    candidateTag: requiredInput<string | null>(),
  },
  outputs: { enrichment: output<Enrichment>() },
  run: (ctx, { latest, kind, currentTag, candidateTag }) => {
    if (latest === undefined) return ctx.skipJob("the latest image's manifest and config were not read");
    const metadata = { annotations: latest.annotations, labels: latest.labels };
    const { enrichment } = annotationsEnrichment(
      kind === 'none'
        ? { current: metadata, ...(currentTag === null ? {} : { currentTag }) }
        : { candidate: metadata, ...(candidateTag === null ? {} : { candidateTag }) },
    );
    return { enrichment };
  },
});
