// Runs the "process image" workflow for one image and turns its result into what the store saves
// (ProcessedImage): `done` with the `oci` job's result, merged with what the enrichment jobs found
// (merge-enrichment.ts), when that job succeeded, else `failed` with the reason of the step that
// failed. An enrichment job that failed or was skipped only shows in the run record. A cancelled
// run (the app is stopping) saves nothing: the store puts the image back to `pending` when it is
// next opened. Values come from the jobs' outputs (whole, typed); the run record is stored as is.
import type { ImagePlatform } from '../oci/platform.js';
import type { ProcessedImage } from '../model/processed.js';
import type { Rules } from '../version/rules.js';
import { runWorkflow, type JobOutcome, type JobRecord, type RunRecord } from '../workflow/index.js';
import { mergeEnrichment, type EnrichmentJob, type Enrichments } from './merge-enrichment.js';
import { OCI_JOB, type ProcessImageWorkflow } from './process-image-workflow.js';
import { FAILED_TAGS } from './result-tags.js';
import type { Enrichment } from '../sources/types.js';

export interface ImageToProcess {
  readonly reference: string;
  /** The platform it runs on; default linux/amd64 (parse-reference-step.ts). */
  readonly platform?: ImagePlatform;
  readonly rules?: Rules;
  /** Tags saying where it runs (`platform:…`, `namespace:…`, `project:…`), kept whatever the outcome. */
  readonly placeTags: readonly string[];
}

export interface ProcessOptions {
  readonly signal?: AbortSignal;
  readonly now: () => number;
}

export type ProcessOutcome =
  | { readonly status: 'cancelled'; readonly record: RunRecord }
  | { readonly status: 'processed'; readonly processed: ProcessedImage };

const ENRICHMENT_JOBS: readonly EnrichmentJob[] = [
  'annotations',
  'docker-hub',
  'quay',
  'github',
  'gitlab',
  'attestations',
  'vulnerabilities',
];

export async function processImage(
  workflow: ProcessImageWorkflow,
  image: ImageToProcess,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const startedAt = options.now();
  const { record, jobs } = await runWorkflow(
    workflow,
    {
      reference: image.reference,
      ...(image.platform === undefined
        ? {}
        : {
            os: image.platform.os,
            architecture: image.platform.architecture,
            ...(image.platform.variant === undefined ? {} : { variant: image.platform.variant }),
          }),
      ...(image.rules === undefined ? {} : { rules: image.rules }),
    },
    options.signal === undefined ? {} : { signal: options.signal },
  );
  if (record.status === 'cancelled') return { status: 'cancelled', record };
  const processedAt = options.now();
  const run = { status: record.status, startedAt, durationMs: record.durationMs, record };
  const oci = jobs[OCI_JOB];
  if (oci.status !== 'succeeded') {
    return {
      status: 'processed',
      processed: {
        status: 'failed',
        reference: image.reference,
        processedAt,
        error: failureReason(record.jobs.find((job) => job.id === OCI_JOB)),
        tags: [...FAILED_TAGS, ...image.placeTags],
        run,
      },
    };
  }
  const found: Enrichments = Object.fromEntries(
    ENRICHMENT_JOBS.flatMap((id) => {
      const enrichment = enrichmentOf(jobs[id]);
      return enrichment === undefined ? [] : [[id, enrichment]];
    }),
  );
  const { tags, ...merged } = mergeEnrichment(oci.outputs, found);
  return {
    status: 'processed',
    processed: {
      status: 'done',
      reference: image.reference,
      processedAt,
      result: { ...oci.outputs.result, checkedAt: processedAt },
      tags: [...tags, ...image.placeTags],
      ...merged,
      run,
    },
  };
}

function enrichmentOf(job: JobOutcome<{ readonly enrichment: Enrichment }>): Enrichment | undefined {
  return job.status === 'succeeded' ? job.outputs.enrichment : undefined;
}

/** `<step name>: <error>` of the first step that failed, e.g. `Check the tag list and digests: …`. */
export function failureReason(job: JobRecord | undefined): string {
  if (job === undefined) return 'the workflow has no "oci" job';
  const step = job.steps.find((candidate) => candidate.status === 'failed');
  if (step?.error != null) return `${step.name}: ${step.error.message}`;
  return job.error?.message ?? job.reason ?? `job "${job.id}" ${job.status}`;
}
