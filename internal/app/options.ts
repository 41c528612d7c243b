// What a host passes to createApp, and the defaults. Checked once, up front: a bad option is an
// AppOptionsError naming it, never a crash later.
import { join } from 'node:path';
import type { HttpClient } from '../http/client.js';
import { SOURCE_NAMES, type EnrichmentSettings, type SourceName } from '../pipeline/enrichment-settings.js';
import type { Platform } from '../platform/platform.js';
import { resolveGithubToken, type GithubToken } from '../sources/github.js';
import type { Store } from '../store/store.js';
import { defaultEndpoints, type SourceEndpoints } from '../sources/types.js';
import { AppOptionsError } from './errors.js';

const DEFAULT_RECHECK_INTERVAL_MS = 10 * 60_000;
import type { CredentialProvider } from '../oci/credentials.js';
import type { UserRule } from './user-rules.js';

export interface RegistrySettings {
  /** Registries (host[:port]) reached over plain http, like dockerd's insecure-registries. */
  readonly insecureRegistries?: readonly string[];
  /** Where config.json (credentials) lives; default $DOCKER_CONFIG, then ~/.docker. */
  readonly dockerConfigDir?: string;
  /** Explicit base URLs by registry domain (mirrors, tests). */
  readonly registryUrls?: Readonly<Record<string, string>>;
}

/** The enrichment sources (docs/pipeline.md, "Enrichment jobs"). Tokens are never logged or stored. */
export interface SourceSettings {
  /** Base URLs (Docker Hub, GitHub API, GitLab, Quay, OSV); the public services by default. */
  readonly endpoints?: Partial<SourceEndpoints>;
  /**
   * The token the user set, read each time a GitHub request needs one (so a changed setting takes
   * effect at once); when it gives null: GH_TOKEN, GITHUB_TOKEN, then the GitHub CLI's hosts.yml;
   * none of them: anonymous (60 requests an hour).
   */
  readonly githubToken?: () => Promise<string | null>;
  /** A personal/project access token for `endpoints.gitlab`, sent as PRIVATE-TOKEN. */
  readonly gitlabToken?: string | null;
  readonly disabled?: readonly SourceName[];
}

/** Where the app keeps what it knows: a data directory it opens (and closes), or a store its host owns. */
export type AppStorage =
  /** The SQLite store lives at `<dataDir>/cupdate.db`; `:memory:` keeps nothing. */
  | { readonly dataDir: string; readonly store?: never }
  /** An open store (the host's, e.g. a session that keeps its settings there too); stop() leaves it open. */
  | { readonly store: Store; readonly dataDir?: never };

export type AppOptions = AppStorage & AppRunOptions;

export interface AppRunOptions {
  /** The platforms to watch from start(); setPlatforms() changes them later. */
  readonly platforms: readonly Platform[];
  readonly registry?: RegistrySettings;
  /** How often images due for a re-check are queued, read each round (default 10 minutes). */
  readonly recheckIntervalMs?: () => number;
  /** An image checked more recently than this is not re-checked (default 6 hours; 0: always). */
  readonly minimumAgeMs?: number;
  /** Images processed at once (default 32). */
  readonly concurrency?: number;
  /** Images processed at once per registry (default 16, the HTTP client's connections per host). */
  readonly perRegistryConcurrency?: number;
  /** Limit of each attempt of a network step (default 60 s). */
  readonly stepTimeoutMs?: number;
  /**
   * How long a platform may take to give its first graph before the others go ahead without it
   * (default 15 s); it is shown failed, and joins in when its graph comes.
   */
  readonly firstGraphTimeoutMs?: number;
  /**
   * The enrichment sources. Absent: none (versions only: the registry is asked the tag list and
   * one manifest HEAD per image), so a test or benchmark never reaches the internet; a host passes
   * the user's settings (`{}`: all on).
   */
  readonly sources?: SourceSettings;
  /** Registry logins the user gave the host (asked before the Docker config); kept in memory. */
  readonly credentials?: CredentialProvider;
  /** Rules the user set per image, asked each time an image is scheduled; they win over labels. */
  readonly userRules?: () => readonly UserRule[];
  /** The HTTP client; default one caching in the store. An injected client is not closed by stop(). */
  readonly http?: HttpClient;
  readonly now?: () => number;
}

export interface ResolvedOptions {
  readonly recheckIntervalMs: () => number;
  readonly minimumAgeMs: number;
  readonly concurrency: number;
  readonly perRegistryConcurrency: number;
  readonly stepTimeoutMs: number;
  readonly firstGraphTimeoutMs: number;
  /** All but the HTTP client, which the app makes after the store. */
  readonly sources: Omit<EnrichmentSettings, 'http'>;
  readonly now: () => number;
}

export function resolveOptions(options: AppOptions): ResolvedOptions {
  if (options.store === undefined && (typeof options.dataDir !== 'string' || options.dataDir === '')) {
    throw new AppOptionsError('dataDir', 'must be a directory path or ":memory:"');
  }
  const ids = options.platforms.map((platform) => platform.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    throw new AppOptionsError('platforms', `lists platform ${duplicate} twice; give each platform once`);
  }
  return {
    recheckIntervalMs: options.recheckIntervalMs ?? (() => DEFAULT_RECHECK_INTERVAL_MS),
    minimumAgeMs: count('minimumAgeMs', options.minimumAgeMs, 6 * 3_600_000, 0),
    concurrency: count('concurrency', options.concurrency, 32, 1),
    perRegistryConcurrency: count('perRegistryConcurrency', options.perRegistryConcurrency, 16, 1),
    stepTimeoutMs: count('stepTimeoutMs', options.stepTimeoutMs, 60_000, 1),
    firstGraphTimeoutMs: count('firstGraphTimeoutMs', options.firstGraphTimeoutMs, 15_000, 1),
    sources: resolveSources(options.sources),
    now: options.now ?? Date.now,
  };
}

function resolveSources(settings: SourceSettings | undefined): Omit<EnrichmentSettings, 'http'> {
  const endpoints = { ...defaultEndpoints };
  for (const [key, url] of Object.entries(settings?.endpoints ?? {})) {
    if (!(key in defaultEndpoints)) {
      throw new AppOptionsError(
        `sources.endpoints.${key}`,
        `is not a source; use one of ${Object.keys(defaultEndpoints).join(', ')}`,
      );
    }
    if (url === undefined) continue;
    endpoints[key as keyof SourceEndpoints] = httpBaseUrl(`sources.endpoints.${key}`, url);
  }
  const disabled = settings === undefined ? SOURCE_NAMES : (settings.disabled ?? []);
  const unknown = disabled.find((name) => !(SOURCE_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new AppOptionsError(
      'sources.disabled',
      `names ${JSON.stringify(unknown)}, which is not a source; use ${SOURCE_NAMES.join(', ')}`,
    );
  }
  const gitlabToken = settings?.gitlabToken?.trim();
  return {
    endpoints,
    githubToken: githubTokenOf(settings?.githubToken ?? (async () => null)),
    gitlabAuth: gitlabToken ? { privateToken: gitlabToken } : null,
    disabled: new Set(disabled),
  };
}

function httpBaseUrl(option: string, value: unknown): string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null;
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new AppOptionsError(option, `must be an http(s) base URL, got ${JSON.stringify(value)}`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The GitHub token for the user's setting as it is now: looked up again (environment, gh's hosts
 * file) only when the setting changed, so an image's run costs no file read.
 */
function githubTokenOf(setting: () => Promise<string | null>): () => Promise<GithubToken | null> {
  let last: { readonly setting: string | null; readonly token: Promise<GithubToken | null> } | undefined;
  return async () => {
    const current = await setting();
    if (last === undefined || last.setting !== current) {
      last = { setting: current, token: resolveGithubToken({ setting: current }) };
    }
    return last.token;
  };
}

/** The database file of a data directory, as the store opens it. */
export function databasePath(dataDir: string): string {
  return dataDir === ':memory:' ? ':memory:' : join(dataDir, 'cupdate.db');
}

function count(option: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AppOptionsError(option, `must be a whole number of at least ${min}, got ${String(value)}`);
  }
  return value;
}
