// How an enrichment job ended, in the run record. A source says why it produced nothing with a
// SourceError whose message starts with `skipped:` (nothing to ask: no such repository) or
// `failed:` (rate limit, garbage, network) (internal/sources/types.ts). The workflow engine has no
// way for a step to skip its own job, and names a failed job's reason `step "github" failed`; so
// after the run, a job whose step threw `skipped: …` is recorded as skipped, and every failed
// enrichment job's reason is its step's message. The run has failed only when a job failed.
import type { JobRecord, RunRecord } from '../workflow/index.js';

export function withSourceOutcomes(record: RunRecord, ociJob: string): RunRecord {
  if (record.status === 'cancelled') return record;
  const jobs = record.jobs.map((job) => (job.id === ociJob ? job : sourceOutcome(job)));
  return { ...record, jobs, status: jobs.some((job) => job.status === 'failed') ? 'failed' : 'succeeded' };
}

function sourceOutcome(job: JobRecord): JobRecord {
  const failed = job.status === 'failed' ? job.steps.find((step) => step.status === 'failed') : undefined;
  const message = failed?.error?.message;
  if (failed === undefined || message === undefined) return job;
  if (failed.error?.name === 'SourceError' && message.startsWith('skipped:')) {
    return {
      ...job,
      status: 'skipped',
      reason: message,
      steps: job.steps.map((step) =>
        step === failed ? { ...step, status: 'skipped', reason: message } : step,
      ),
    };
  }
  return { ...job, reason: message.startsWith('failed:') ? message : `failed: ${message}` };
}
