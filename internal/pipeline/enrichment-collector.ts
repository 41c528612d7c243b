// What each enrichment job found in one run, kept whole for the final merge (merge-enrichment.ts).
// The run record holds the jobs' outputs too, but made JSON-safe and bounded (strings cut at 10,000
// characters, internal/workflow/to-json-safe.ts): a README or release notes must reach the store
// uncut, and a job that failed or was skipped must add nothing. So each step adds its result here
// once it has it; the collector is a workflow input, recorded as "[EnrichmentCollector]".
import type { Enrichment } from '../sources/types.js';

export type EnrichmentJob =
  'annotations' | 'docker-hub' | 'quay' | 'github' | 'gitlab' | 'attestations' | 'vulnerabilities';

export class EnrichmentCollector {
  readonly #found = new Map<EnrichmentJob, Enrichment>();

  add(job: EnrichmentJob, enrichment: Enrichment): void {
    this.#found.set(job, enrichment);
  }

  get(job: EnrichmentJob): Enrichment | undefined {
    return this.#found.get(job);
  }
}
