// What a host passes to createApp, and the defaults. Checked once, up front: a bad option is an
// AppOptionsError naming it, never a crash later.
import { join } from 'node:path';
import type { HttpClient } from '../http/client.js';
import type { Platform } from '../platform/platform.js';
import { AppOptionsError } from './errors.js';

export interface RegistrySettings {
  /** Registries (host[:port]) reached over plain http, like dockerd's insecure-registries. */
  readonly insecureRegistries?: readonly string[];
  /** Where config.json (credentials) lives; default $DOCKER_CONFIG, then ~/.docker. */
  readonly dockerConfigDir?: string;
  /** Explicit base URLs by registry domain (mirrors, tests). */
  readonly registryUrls?: Readonly<Record<string, string>>;
}

export interface AppOptions {
  /** The SQLite store lives at `<dataDir>/cupdate.db`; `:memory:` keeps nothing. */
  readonly dataDir: string;
  readonly platforms: readonly Platform[];
  readonly registry?: RegistrySettings;
  /** How often images due for a re-check are queued (default 10 minutes). */
  readonly recheckIntervalMs?: number;
  /** An image checked more recently than this is not re-checked (default 6 hours; 0: always). */
  readonly minimumAgeMs?: number;
  /** Images processed at once (default 32). */
  readonly concurrency?: number;
  /** Images processed at once per registry (default 16, the HTTP client's connections per host). */
  readonly perRegistryConcurrency?: number;
  /** Limit of each attempt of a network step (default 60 s). */
  readonly stepTimeoutMs?: number;
  /** The HTTP client; default one caching in the store. An injected client is not closed by stop(). */
  readonly http?: HttpClient;
  readonly now?: () => number;
}

export interface ResolvedOptions {
  readonly databasePath: string;
  readonly recheckIntervalMs: number;
  readonly minimumAgeMs: number;
  readonly concurrency: number;
  readonly perRegistryConcurrency: number;
  readonly stepTimeoutMs: number;
  readonly now: () => number;
}

export function resolveOptions(options: AppOptions): ResolvedOptions {
  if (typeof options.dataDir !== 'string' || options.dataDir === '') {
    throw new AppOptionsError('dataDir', 'must be a directory path or ":memory:"');
  }
  const ids = options.platforms.map((platform) => platform.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    throw new AppOptionsError('platforms', `lists platform ${duplicate} twice; give each platform once`);
  }
  return {
    databasePath: options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'cupdate.db'),
    recheckIntervalMs: count('recheckIntervalMs', options.recheckIntervalMs, 10 * 60_000, 1),
    minimumAgeMs: count('minimumAgeMs', options.minimumAgeMs, 6 * 3_600_000, 0),
    concurrency: count('concurrency', options.concurrency, 32, 1),
    perRegistryConcurrency: count('perRegistryConcurrency', options.perRegistryConcurrency, 16, 1),
    stepTimeoutMs: count('stepTimeoutMs', options.stepTimeoutMs, 60_000, 1),
    now: options.now ?? Date.now,
  };
}

function count(option: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new AppOptionsError(option, `must be a whole number of at least ${min}, got ${String(value)}`);
  }
  return value;
}
