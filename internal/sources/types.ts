// What every enrichment source (Docker Hub, GitHub, GitLab, Quay, OCI annotations, attestations,
// OSV) gives back about one image. Each source is a plain async function over the shared HTTP
// client; the pipeline runs each as a job that needs the `oci` job, and merges what they return.
import type { HttpClient } from '../http/client.js';
import type { Description, Link, ReleaseNote, Vulnerability } from '../model/image.js';

export type { Description, Link, ReleaseNote, Vulnerability };

/** Everything is optional: a source adds what it knows. */
export interface Enrichment {
  readonly description?: Description;
  readonly links?: readonly Link[];
  /** Notes for every version after the running one up to the candidate, newest first. */
  readonly releaseNotes?: readonly ReleaseNote[];
  readonly vulnerabilities?: readonly Vulnerability[];
  /** Image tags to add: `github`, `gitlab`, `attestation`, `sbom`, `vulnerability:<severity>`, … */
  readonly tags?: readonly string[];
  /** When a version (tag) was published, epoch ms. */
  readonly releaseDates?: Readonly<Record<string, number>>;
}

/**
 * Base URLs of every remote API. Configurable so that tests point at servers on 127.0.0.1 and
 * self-hosted GitLab works (docs/architecture.md: every external base URL is configurable).
 */
export interface SourceEndpoints {
  readonly dockerHub: string;
  readonly github: string;
  readonly gitlab: string;
  readonly quay: string;
  readonly osv: string;
}

export const defaultEndpoints: SourceEndpoints = {
  dockerHub: 'https://hub.docker.com',
  github: 'https://api.github.com',
  gitlab: 'https://gitlab.com',
  quay: 'https://quay.io',
  osv: 'https://api.osv.dev',
};

/** What a source is called with. */
export interface SourceContext {
  readonly http: HttpClient;
  readonly endpoints: SourceEndpoints;
  readonly signal?: AbortSignal;
}

/**
 * Why a source produced nothing, as data: the workflow records it as the job's reason
 * (`skipped: no GitHub repository`, `failed: GitHub rate limit reached, resets at 14:05`).
 */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}
