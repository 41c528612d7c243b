// The "process image" workflow (docs/pipeline.md): one `oci` job of small steps, one per file,
// wired by the typed builder so a missing or mistyped output is a compile error.
//
// Extension point: enrichment (release notes, Docker Hub, GitHub, …; a later issue) is added as
// further jobs with `needs: ['oci']`, reading `needs.oci.outputs.*` (the source URL, the result).
// They run concurrently with each other once `oci` succeeded, and a failing enrichment job does not
// hide the update result: process-image.ts takes the result from `oci` alone.
import type { RegistryClient } from '../oci/client.js';
import type { Rules } from '../version/rules.js';
import { optionalInput, requiredInput, workflow, type Workflow } from '../workflow/index.js';
import { checkImageStep } from './check-image-step.js';
import { decideUpdateStep } from './decide-update-step.js';
import { imageConfigStep } from './image-config-step.js';
import { latestManifestStep } from './latest-manifest-step.js';
import { parseReferenceStep } from './parse-reference-step.js';
import { networkRetry } from './retry-policy.js';
import { sourceRepositoryStep } from './source-repository-step.js';
import { summarizeStep } from './summarize-step.js';

export const PROCESS_IMAGE_WORKFLOW = 'process image';
export const OCI_JOB = 'oci';

export interface ProcessImageWorkflowOptions {
  readonly registry: RegistryClient;
  /** Limit of each attempt of a network step (default 60 s). */
  readonly stepTimeoutMs?: number;
  /** Attempts of a network step, the first included (default 2), and the wait before the second (default 500 ms). */
  readonly stepAttempts?: number;
  readonly stepBackoffMs?: number;
}

export const processImageInputs = {
  reference: requiredInput<string>(),
  os: optionalInput<string>(),
  architecture: optionalInput<string>(),
  variant: optionalInput<string>(),
  rules: optionalInput<Rules>(),
};

export type ProcessImageWorkflow = Workflow<typeof processImageInputs>;

export function createProcessImageWorkflow(options: ProcessImageWorkflowOptions): ProcessImageWorkflow {
  const network = {
    timeoutMs: options.stepTimeoutMs ?? 60_000,
    retry: networkRetry(options.stepAttempts ?? 2, options.stepBackoffMs ?? 500),
  };
  return workflow(PROCESS_IMAGE_WORKFLOW, processImageInputs)
    .job(OCI_JOB, { name: 'Registry' }, (job) =>
      job
        .step(parseReferenceStep, {
          with: (ref) => ({
            reference: ref.inputs.reference,
            os: ref.inputs.os,
            architecture: ref.inputs.architecture,
            variant: ref.inputs.variant,
          }),
        })
        .step(checkImageStep(options.registry), {
          ...network,
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            platform: ref.steps.reference.outputs.platform,
            rules: ref.inputs.rules,
          }),
        })
        .step(decideUpdateStep, {
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            tag: ref.steps.check.outputs.tag,
            updates: ref.steps.check.outputs.updates,
            sameTagChanged: ref.steps.check.outputs.sameTagChanged,
          }),
        })
        .step(latestManifestStep(options.registry), {
          ...network,
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            target: ref.steps.decide.outputs.target,
            platform: ref.steps.reference.outputs.platform,
          }),
        })
        .step(imageConfigStep(options.registry), {
          ...network,
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            manifest: ref.steps['latest-manifest'].outputs.manifest,
          }),
        })
        .step(sourceRepositoryStep, {
          with: (ref) => ({
            annotations: ref.steps['latest-manifest'].outputs.annotations,
            labels: ref.steps.config.outputs.labels,
          }),
        })
        .step(summarizeStep, {
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            tag: ref.steps.check.outputs.tag,
            current: ref.steps.check.outputs.current,
            remote: ref.steps.check.outputs.remote,
            kind: ref.steps.decide.outputs.kind,
            updates: ref.steps.check.outputs.updates,
            explain: ref.steps.check.outputs.explain,
            latestReference: ref.steps.decide.outputs.latestReference,
            latestDigest: ref.steps['latest-manifest'].outputs.digest,
            sourceUrl: ref.steps.source.outputs.url,
          }),
        })
        .outputs((ref) => ({
          result: ref.steps.summarize.outputs.result,
          tags: ref.steps.summarize.outputs.tags,
          links: ref.steps.summarize.outputs.links,
          sourceUrl: ref.steps.source.outputs.url,
        })),
    )
    .build();
}
