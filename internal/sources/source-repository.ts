// Where an image's source code lives, from what its publisher wrote into it, normalized so that
// GitHub and GitLab sources can ask their APIs about it. The order and the conventions are in
// docs/sources.md ("Source repository").
import { parseReference } from '../oci/reference.js';

export type SourceHost = 'github' | 'gitlab' | 'other';

export interface SourceRepository {
  readonly host: SourceHost;
  /** GitHub user or organization; GitLab namespace, nested groups included (`group/subgroup`). */
  readonly owner: string;
  readonly repo: string;
  /** `https://<host>/<owner>/<repo>`, without `.git` or a trailing slash. */
  readonly url: string;
}

export interface SourceRepositoryInput {
  /** The image reference (any form `parseReference` accepts). */
  readonly reference: string;
  /** OCI annotations of the image (manifest or index). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Config labels of the image. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Hosts of self-hosted GitLab instances (e.g. the host of `endpoints.gitlab`); gitlab.com always is one. */
  readonly gitlabHosts?: readonly string[];
}

const OCI_SOURCE = 'org.opencontainers.image.source';
const LABEL_SCHEMA_VCS_URL = 'org.label-schema.vcs-url';

/**
 * The first of: the `org.opencontainers.image.source` annotation, the same key as a config label,
 * the `org.label-schema.vcs-url` label, then the GitLab container registry convention. `null` when
 * none of them names a repository.
 */
export function findSourceRepository(input: SourceRepositoryInput): SourceRepository | null {
  const candidates = [
    input.annotations?.[OCI_SOURCE],
    input.labels?.[OCI_SOURCE],
    input.labels?.[LABEL_SCHEMA_VCS_URL],
  ];
  for (const candidate of candidates) {
    const repository = candidate === undefined ? null : parseRepositoryUrl(candidate, input.gitlabHosts);
    if (repository !== null) return repository;
  }
  return fromGitLabRegistry(input.reference);
}

/**
 * Reads the ways people write a repository URL: `https://host/o/r(.git)`, `git+https://…`,
 * `git://…`, `ssh://git@host/o/r.git`, `git@host:o/r.git`, `host/o/r`, with deeper paths
 * (`/tree/main/x`, GitLab's `/-/…`), queries and fragments dropped. `null` for anything else.
 */
export function parseRepositoryUrl(
  raw: string,
  gitlabHosts: readonly string[] = [],
): SourceRepository | null {
  const url = toUrl(raw.trim());
  if (url === null) return null;
  const hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  const host = classify(hostname, gitlabHosts);
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/\.git$/, ''));
  // GitLab projects sit under nested groups; `/-/` starts the project's own pages.
  const depth = host === 'gitlab' ? gitlabProjectDepth(segments) : 2;
  const path = segments.slice(0, depth);
  const repo = path.at(-1);
  if (path.length < 2 || repo === undefined || !path.every(isPathSegment)) return null;
  const owner = path.slice(0, -1).join('/');
  const port = url.port === '' ? '' : `:${url.port}`;
  return { host, owner, repo, url: `https://${hostname}${port}/${owner}/${repo}` };
}

function toUrl(raw: string): URL | null {
  // scp-like syntax `git@host:owner/repo.git` (git-clone(1), "GIT URLS").
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(raw);
  const normalized = scp ? `https://${scp[1]}/${scp[2]}` : raw.replace(/^git\+/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(normalized) ? normalized : `https://${normalized}`;
  try {
    const url = new URL(withScheme);
    return ['https:', 'http:', 'git:', 'ssh:'].includes(url.protocol) && url.hostname.includes('.')
      ? url
      : null;
  } catch {
    return null;
  }
}

function classify(hostname: string, gitlabHosts: readonly string[]): SourceHost {
  if (hostname === 'github.com') return 'github';
  if (hostname === 'gitlab.com' || gitlabHosts.some((h) => h.toLowerCase() === hostname)) return 'gitlab';
  return 'other';
}

function gitlabProjectDepth(segments: readonly string[]): number {
  const pages = segments.indexOf('-');
  return pages === -1 ? segments.length : pages;
}

function isPathSegment(segment: string): boolean {
  return /^[\w.-]+$/.test(segment) && segment !== '.' && segment !== '..';
}

/**
 * GitLab's container registry names images `registry.gitlab.com/<namespace>/<project>[/<image>]`
 * (https://docs.gitlab.com/user/packages/container_registry/#naming-convention-for-your-container-images).
 * With exactly two path components the image is the project's own; with more, nested groups and
 * image names cannot be told apart, so nothing is guessed.
 */
function fromGitLabRegistry(reference: string): SourceRepository | null {
  const image = parseReference(reference);
  const [owner, repo, ...rest] = image.path.split('/');
  if (
    image.domain !== 'registry.gitlab.com' ||
    owner === undefined ||
    repo === undefined ||
    rest.length > 0
  ) {
    return null;
  }
  return { host: 'gitlab', owner, repo, url: `https://gitlab.com/${owner}/${repo}` };
}
