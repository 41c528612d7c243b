// The `annotations` job: what the image says about itself in the OCI annotations and config labels
// the `oci` job already read (internal/sources/annotations.ts). No request. The `oci` job read the
// newest image's metadata: the candidate's when there is an update, else the running image's.
import { annotationsEnrichment } from '../sources/annotations.js';
import type { Enrichment } from '../sources/types.js';
import type { UpdateKind } from '../model/image.js';
import { defineStep, output, requiredInput } from '../workflow/index.js';

export const annotationsStep = defineStep({
  id: 'annotations',
  name: 'Read the OCI annotations and labels',
  inputs: {
    annotations: requiredInput<Readonly<Record<string, string>>>(),
    labels: requiredInput<Readonly<Record<string, string>>>(),
    kind: requiredInput<UpdateKind>(),
    currentTag: requiredInput<string | null>(),
    candidateTag: requiredInput<string | null>(),
  },
  outputs: { enrichment: output<Enrichment>() },
  run: (_ctx, { annotations, labels, kind, currentTag, candidateTag }) => {
    const metadata = { annotations, labels };
    const { enrichment } = annotationsEnrichment(
      kind === 'none'
        ? { current: metadata, ...(currentTag === null ? {} : { currentTag }) }
        : { candidate: metadata, ...(candidateTag === null ? {} : { candidateTag }) },
    );
    return { enrichment };
  },
});
