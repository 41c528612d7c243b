// The "process image" workflow (docs/pipeline.md): the `oci` job of small steps, one per file, then
// one enrichment job per source, each needing `oci` and running only when its `if` says the source
// has something to say about this image (and the user did not turn it off). Wired by the typed
// builder so a missing or mistyped output is a compile error.
//
// A failing or skipped enrichment job never hides the update result: process-image.ts takes the
// result from `oci` and merges the `enrichment` output of every enrichment job that succeeded
// (merge-enrichment.ts). That merge is not a job because a job whose need failed is skipped
// (docs/workflow.md), and every enrichment may fail on its own.
import type { RegistryClient } from '../oci/client.js';
import type { Rules } from '../version/rules.js';
import { optionalInput, requiredInput, workflow } from '../workflow/index.js';
import { annotationsStep } from './annotations-step.js';
import { attestationsStep } from './attestations-step.js';
import { checkImageStep } from './check-image-step.js';
import { decideUpdateStep } from './decide-update-step.js';
import { dockerHubStep } from './docker-hub-step.js';
import type { EnrichmentSettings, SourceName } from './enrichment-settings.js';
import { githubStep } from './github-step.js';
import { gitlabStep } from './gitlab-step.js';
import { latestImageStep } from './latest-image-step.js';
import { parseReferenceStep } from './parse-reference-step.js';
import { quayStep } from './quay-step.js';
import { networkRetry } from './retry-policy.js';
import { sourceRepositoryStep } from './source-repository-step.js';
import { summarizeStep } from './summarize-step.js';
import { vulnerabilitiesStep } from './vulnerabilities-step.js';

export const PROCESS_IMAGE_WORKFLOW = 'process image';
export const OCI_JOB = 'oci';
/** The jobs that read the latest image's annotations and labels, or the source repository they name. */
const LATEST_IMAGE_READERS: readonly SourceName[] = ['annotations', 'github', 'gitlab'];

export interface ProcessImageWorkflowOptions {
  readonly registry: RegistryClient;
  /** Limit of each attempt of a network step (default 60 s). */
  readonly stepTimeoutMs?: number;
  /** Attempts of a network step, the first included (default 2), and the wait before the second (default 500 ms). */
  readonly stepAttempts?: number;
  readonly stepBackoffMs?: number;
  /** The enrichment sources; those in `disabled` get no job run (the OCI annotations always do). */
  readonly sources: EnrichmentSettings;
}

export const processImageInputs = {
  reference: requiredInput<string>(),
  os: optionalInput<string>(),
  architecture: optionalInput<string>(),
  variant: optionalInput<string>(),
  rules: optionalInput<Rules>(),
};

/** The built workflow, with the types of every job's outputs (what processImage reads). */
export type ProcessImageWorkflow = ReturnType<typeof createProcessImageWorkflow>;

export function createProcessImageWorkflow(options: ProcessImageWorkflowOptions) {
  const network = {
    timeoutMs: options.stepTimeoutMs ?? 60_000,
    retry: networkRetry(options.stepAttempts ?? 2, options.stepBackoffMs ?? 500),
  };
  const { sources } = options;
  // Enrichment steps are not retried: the HTTP client already retried what was worth it, and a
  // source's rate limit or 404 will not change in 500 ms.
  const enrichment = { timeoutMs: network.timeoutMs };
  const enabled = (source: SourceName): boolean => !sources.disabled.has(source);
  const readsLatestImage = LATEST_IMAGE_READERS.some(enabled);
  const gitlabHosts = [new URL(sources.endpoints.gitlab).host];
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
            remote: ref.steps.check.outputs.remote,
            updates: ref.steps.check.outputs.updates,
            sameTagChanged: ref.steps.check.outputs.sameTagChanged,
          }),
        })
        .step(latestImageStep(options.registry), {
          ...network,
          // Only the annotations, and the source repository they name, need it (docs/pipeline.md).
          if: () => readsLatestImage,
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            target: ref.steps.decide.outputs.target,
            targetDigest: ref.steps.decide.outputs.targetDigest,
            platform: ref.steps.reference.outputs.platform,
          }),
        })
        .step(sourceRepositoryStep(gitlabHosts), {
          with: (ref) => ({
            image: ref.steps.reference.outputs.image,
            latest: ref.steps.latest.outputs.latest,
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
            latest: ref.steps.latest.outputs.latest,
            source: ref.steps.source.outputs.repository,
          }),
        })
        .outputs((ref) => ({
          result: ref.steps.summarize.outputs.result,
          tags: ref.steps.summarize.outputs.tags,
          links: ref.steps.summarize.outputs.links,
          source: ref.steps.source.outputs.repository,
          image: ref.steps.reference.outputs.image,
          platform: ref.steps.reference.outputs.platform,
          kind: ref.steps.decide.outputs.kind,
          target: ref.steps.decide.outputs.target,
          currentTag: ref.steps.check.outputs.tag,
          candidateTag: ref.steps.decide.outputs.candidateTag,
          current: ref.steps.check.outputs.current,
          latest: ref.steps.latest.outputs.latest,
        })),
    )
    .job(
      'annotations',
      { name: 'OCI annotations', needs: [OCI_JOB], if: () => enabled('annotations') },
      (job) =>
        job
          .step(annotationsStep, {
            with: (ref) => ({
              latest: ref.needs.oci.outputs.latest,
              kind: ref.needs.oci.outputs.kind,
              currentTag: ref.needs.oci.outputs.currentTag,
              candidateTag: ref.needs.oci.outputs.candidateTag,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps.annotations.outputs.enrichment })),
    )
    .job(
      'docker-hub',
      {
        name: 'Docker Hub',
        needs: [OCI_JOB],
        if: ({ needs }) => enabled('docker-hub') && needs.oci.outputs.image.domain === 'docker.io',
      },
      (job) =>
        job
          .step(dockerHubStep(sources), {
            ...enrichment,
            with: (ref) => ({
              image: ref.needs.oci.outputs.image,
              currentTag: ref.needs.oci.outputs.currentTag,
              candidateTag: ref.needs.oci.outputs.candidateTag,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps['docker-hub'].outputs.enrichment })),
    )
    .job(
      'quay',
      {
        name: 'Quay',
        needs: [OCI_JOB],
        if: ({ needs }) => enabled('quay') && needs.oci.outputs.image.domain === 'quay.io',
      },
      (job) =>
        job
          .step(quayStep(sources, options.registry), {
            ...enrichment,
            with: (ref) => ({
              image: ref.needs.oci.outputs.image,
              currentTag: ref.needs.oci.outputs.currentTag,
              candidateTag: ref.needs.oci.outputs.candidateTag,
              current: ref.needs.oci.outputs.current,
              platform: ref.needs.oci.outputs.platform,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps.quay.outputs.enrichment })),
    )
    .job(
      'github',
      {
        name: 'GitHub',
        needs: [OCI_JOB],
        if: ({ needs }) => enabled('github') && needs.oci.outputs.source?.host === 'github',
      },
      (job) =>
        job
          .step(githubStep(sources), {
            ...enrichment,
            with: (ref) => ({
              source: ref.needs.oci.outputs.source,
              image: ref.needs.oci.outputs.image,
              currentTag: ref.needs.oci.outputs.currentTag,
              candidateTag: ref.needs.oci.outputs.candidateTag,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps.github.outputs.enrichment })),
    )
    .job(
      'gitlab',
      {
        name: 'GitLab',
        needs: [OCI_JOB],
        if: ({ needs }) => enabled('gitlab') && needs.oci.outputs.source?.host === 'gitlab',
      },
      (job) =>
        job
          .step(gitlabStep(sources), {
            ...enrichment,
            with: (ref) => ({
              source: ref.needs.oci.outputs.source,
              image: ref.needs.oci.outputs.image,
              currentTag: ref.needs.oci.outputs.currentTag,
              candidateTag: ref.needs.oci.outputs.candidateTag,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps.gitlab.outputs.enrichment })),
    )
    .job(
      'attestations',
      { name: 'Attestations', needs: [OCI_JOB], if: () => enabled('attestations') },
      (job) =>
        job
          .step(attestationsStep(options.registry), {
            ...enrichment,
            id: 'running',
            with: (ref) => ({
              image: ref.needs.oci.outputs.image,
              platform: ref.needs.oci.outputs.platform,
            }),
          })
          .step(attestationsStep(options.registry), {
            ...enrichment,
            id: 'candidate',
            // What the candidate carries only adds update effects to the running image's list.
            continueOnError: true,
            if: ({ needs }) => needs.oci.outputs.kind !== 'none',
            with: (ref) => ({
              image: ref.needs.oci.outputs.image,
              tag: ref.needs.oci.outputs.target,
              platform: ref.needs.oci.outputs.platform,
            }),
          })
          .outputs((ref) => ({
            // The running image's attestations are the image's; the candidate's serve the delta.
            enrichment: ref.steps.running.outputs.attestations,
            candidate: ref.steps.candidate.outputs.attestations,
          })),
    )
    .job(
      'vulnerabilities',
      {
        name: 'Vulnerabilities',
        needs: [OCI_JOB, 'attestations'],
        // The stored vulnerabilities are the running image's: without its SBOM there is nothing to
        // ask OSV about (a candidate's SBOM alone says nothing about what runs).
        if: ({ needs }) => enabled('osv') && needs.attestations.outputs.enrichment.sbom !== undefined,
      },
      (job) =>
        job
          .step(vulnerabilitiesStep(sources), {
            ...enrichment,
            with: (ref) => ({
              running: ref.needs.attestations.outputs.enrichment,
              candidate: ref.needs.attestations.outputs.candidate,
            }),
          })
          .outputs((ref) => ({ enrichment: ref.steps.osv.outputs.enrichment })),
    )
    .build();
}
