// A fake Quay API (https://docs.quay.io/api/swagger/) for the Quay source:
// `GET /api/v1/repository/<ns>/<repo>`, the tag listing `…/tag/?limit=&page=&onlyActiveTags=`
// answering `{tags, page, has_additional}`, and the security scan
// `…/manifest/<digest>/security?vulnerabilities=true` answering `{status, data: {Layer: {Features:
// [{Name, Version, Vulnerabilities: [{Name, Severity, FixedBy, Description, Link, …}]}]}}}` as
// Quay's Clair integration does. Rate limits answer 429 with Retry-After. Tests say "fake Quay".
import { startFakeJsonApi, type FakeJsonApi } from './fake-json-api.js';

export interface FakeQuayTag {
  readonly name: string;
  /** Epoch seconds. */
  readonly start_ts: number;
  readonly manifest_digest: string;
}

export interface FakeQuayVulnerability {
  readonly Name: string;
  readonly Severity: string;
  readonly FixedBy: string;
  readonly Description: string;
}

export interface FakeQuayFeature {
  readonly Name: string;
  readonly Version: string;
  readonly Vulnerabilities?: readonly FakeQuayVulnerability[];
}

export interface FakeQuayRepository {
  readonly description: string | null;
  /** Newest first. */
  readonly tags: readonly FakeQuayTag[];
  /** Security answers by manifest digest: `scanned` with features, or another status. */
  readonly scans: ReadonlyMap<
    string,
    { readonly status: string; readonly features?: readonly FakeQuayFeature[] }
  >;
}

export interface FakeQuay extends FakeJsonApi {
  /** Keyed by `<namespace>/<repo>`. */
  readonly repositories: Map<string, FakeQuayRepository>;
  /** Quay answers 50 tags per page by default; tests lower it to see pagination. */
  maxPageSize: number;
  /** Seconds sent as Retry-After while rate-limited. */
  retryAfterSeconds: number;
}

const REPOSITORY_PATH = /^\/api\/v1\/repository\/([^/]+\/[^/]+)(\/tag\/|\/manifest\/([^/]+)\/security)?$/;

export async function startFakeQuay(): Promise<FakeQuay> {
  const repositories = new Map<string, FakeQuayRepository>();
  const api = await startFakeJsonApi(
    (url) => {
      const match = REPOSITORY_PATH.exec(url.pathname);
      const path = match?.[1];
      const repository = path === undefined ? undefined : repositories.get(path);
      if (match === null || path === undefined || repository === undefined) return undefined;
      const [namespace, name] = path.split('/');
      if (match[2] === undefined) {
        return {
          body: {
            namespace,
            name,
            kind: 'image',
            description: repository.description,
            is_public: true,
            is_organization: true,
            is_starred: false,
            state: 'NORMAL',
            can_write: false,
            can_admin: false,
          },
        };
      }
      if (match[3] !== undefined) return scanAnswer(repository, decodeURIComponent(match[3]));
      const size = Math.min(Number(url.searchParams.get('limit') ?? 50), quay.maxPageSize);
      const page = Number(url.searchParams.get('page') ?? 1);
      const tags = repository.tags.slice((page - 1) * size, page * size).map((tag) => ({
        ...tag,
        reversion: false,
        is_manifest_list: false,
        size: 1234,
        last_modified: new Date(tag.start_ts * 1000).toUTCString().replace('GMT', '-0000'),
      }));
      return { body: { tags, page, has_additional: page * size < repository.tags.length } };
    },
    () => ({
      status: 429,
      headers: { 'retry-after': String(quay.retryAfterSeconds) },
      body: { status: 429, error_message: 'Too Many Requests', title: 'too_many_requests' },
    }),
    {
      detail: 'Not Found',
      error_message: 'Not Found',
      error_type: 'not_found',
      title: 'not_found',
      status: 404,
    },
  );
  const quay: FakeQuay = Object.assign(api, { repositories, maxPageSize: 50, retryAfterSeconds: 3600 });
  return quay;
}

function scanAnswer(repository: FakeQuayRepository, digest: string): { body: unknown } | undefined {
  const scan = repository.scans.get(digest);
  if (scan === undefined) return undefined;
  if (scan.features === undefined) return { body: { status: scan.status, data: null } };
  const Features = scan.features.map((feature) => ({
    NamespaceName: 'debian:12',
    VersionFormat: 'dpkg',
    AddedBy: 'sha256:0000',
    ...feature,
    Vulnerabilities: feature.Vulnerabilities?.map((v) => ({
      NamespaceName: 'debian:12',
      Link: `https://security-tracker.debian.org/tracker/${v.Name}`,
      Metadata: null,
      ...v,
    })),
  }));
  return { body: { status: scan.status, data: { Layer: { Name: digest, IndexedByVersion: 4, Features } } } };
}
