// What the enrichment jobs need from the app (docs/pipeline.md, "Enrichment jobs"): the shared HTTP
// client, every source's base URL, the credentials, and which sources the user turned off.
import type { HttpClient } from '../http/client.js';
import type { GitLabAuth } from '../sources/gitlab.js';
import type { GithubToken } from '../sources/github.js';
import type { SourceContext, SourceEndpoints } from '../sources/types.js';

/**
 * The sources a user can turn off. `annotations` asks no other site, but reads the latest image's
 * manifest and config from the registry (2 requests an image); with every source off, a scan asks
 * the registry only what the versions need.
 */
export const SOURCE_NAMES = [
  'annotations',
  'docker-hub',
  'github',
  'gitlab',
  'quay',
  'attestations',
  'osv',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface EnrichmentSettings {
  readonly http: HttpClient;
  readonly endpoints: SourceEndpoints;
  /** Resolved once per app (setting, GH_TOKEN, GITHUB_TOKEN, gh hosts file); null: anonymous. */
  readonly githubToken: () => Promise<GithubToken | null>;
  readonly gitlabAuth: GitLabAuth | null;
  readonly disabled: ReadonlySet<SourceName>;
}

export function sourceContext(settings: EnrichmentSettings, signal: AbortSignal): SourceContext {
  return { http: settings.http, endpoints: settings.endpoints, signal };
}
