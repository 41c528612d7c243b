// checkImage: for one running image, what the registry has now. Two questions: is there a newer
// tag (internal/version over the tag list), and does the running tag now point at different
// content *for the platform the image runs on*?
//
// The second question is where false alarms come from: a manifest-list (index) digest is never
// compared with a platform manifest digest, and a changed index whose entry for our platform is
// unchanged (only arm64 was rebuilt, we run amd64) is not an update. Cold, this costs the tag list
// plus one manifest GET; a third (immutable, cached) GET happens only when the running index
// differs from the remote one.
import { explain, updates } from '../version/docker.js';
import type { Rules } from '../version/rules.js';
import type { TagVerdict, Updates } from '../version/types.js';
import type { RegistryClient } from './client.js';
import { ManifestNotFoundError } from './errors.js';
import { findPlatformManifest, type Manifest } from './manifest.js';
import type { ImagePlatform } from './platform.js';
import type { ImageReference } from './reference.js';

export interface CheckOptions {
  readonly platform: ImagePlatform;
  readonly rules?: Rules;
  readonly signal?: AbortSignal;
}

/** The digests of one side: the index (null for a single-platform image) and the platform manifest. */
export interface DigestPair {
  readonly indexDigest: string | null;
  readonly platformDigest: string | null;
}

/** How sameTagChanged was decided. */
export type SameTagBasis =
  /** The reference carries no digest: nothing to compare. */
  | 'no-running-digest'
  /** The reference carries no tag (digest only): nothing to compare with. */
  | 'no-tag'
  /** The running digest is the remote index or the remote platform manifest. */
  | 'same-digest'
  /** Compared the platform manifest the running digest resolves to with the remote one. */
  | 'platform-manifest'
  /** The running digest is gone from the registry: cannot tell, so no alarm is raised. */
  | 'running-digest-unknown';

export interface CheckResult {
  readonly reference: ImageReference;
  /** The tag checked: the reference's, "latest" when it has neither tag nor digest, null for digest-only. */
  readonly tag: string | null;
  readonly platform: ImagePlatform;
  /** What runs: resolved from the reference's digest (nulls when it has none or it is gone). */
  readonly current: DigestPair;
  /** What the tag points at now; null for a digest-only reference. */
  readonly remote: DigestPair | null;
  /** True only when the tag now points at different content for this platform. */
  readonly sameTagChanged: boolean;
  readonly sameTagBasis: SameTagBasis;
  readonly tags: readonly string[];
  readonly updates: Updates;
  readonly explain: readonly TagVerdict[];
}

const NO_UPDATES: Updates = { patch: null, minor: null, major: null, latest: null };

export async function checkImage(
  client: RegistryClient,
  reference: ImageReference,
  options: CheckOptions,
): Promise<CheckResult> {
  const call = options.signal === undefined ? {} : { signal: options.signal };
  const { platform } = options;
  const running = reference.digest;
  const tag = reference.tag ?? (running === undefined ? 'latest' : null);

  if (tag === null) {
    const current =
      running === undefined ? null : await resolveRunning(client, reference, running, platform, call);
    return {
      reference,
      tag,
      platform,
      current: current ?? UNKNOWN,
      remote: null,
      sameTagChanged: false,
      sameTagBasis: 'no-tag',
      tags: [],
      updates: NO_UPDATES,
      explain: [],
    };
  }

  const [tags, manifest] = await Promise.all([
    client.listTags(reference, call),
    client.getManifest(reference, tag, call),
  ]);
  const remote = digestsFor(manifest, platform);
  const base = {
    reference,
    tag,
    platform,
    remote,
    tags,
    updates: updates(tag, tags, options.rules),
    explain: explain(tag, tags, options.rules),
  };

  return { ...base, ...(await compareRunning(client, reference, running, remote, platform, call)) };
}

type Comparison = Pick<CheckResult, 'current' | 'sameTagChanged' | 'sameTagBasis'>;

const UNKNOWN: DigestPair = { indexDigest: null, platformDigest: null };

/** What runs, and whether the tag now points at other content for `platform`. */
async function compareRunning(
  client: RegistryClient,
  reference: ImageReference,
  running: string | undefined,
  remote: DigestPair,
  platform: ImagePlatform,
  call: { signal?: AbortSignal },
): Promise<Comparison> {
  if (running === undefined)
    return { current: UNKNOWN, sameTagChanged: false, sameTagBasis: 'no-running-digest' };
  if (running === remote.indexDigest)
    return { current: remote, sameTagChanged: false, sameTagBasis: 'same-digest' };
  if (running === remote.platformDigest) {
    return {
      current: { indexDigest: null, platformDigest: running },
      sameTagChanged: false,
      sameTagBasis: 'same-digest',
    };
  }
  const current = await resolveRunning(client, reference, running, platform, call);
  if (current === null)
    return { current: UNKNOWN, sameTagChanged: false, sameTagBasis: 'running-digest-unknown' };
  return {
    current,
    sameTagChanged: current.platformDigest !== remote.platformDigest,
    sameTagBasis: 'platform-manifest',
  };
}

function digestsFor(manifest: Manifest, platform: ImagePlatform): DigestPair {
  if (manifest.kind === 'image') return { indexDigest: null, platformDigest: manifest.digest };
  return {
    indexDigest: manifest.digest,
    platformDigest: findPlatformManifest(manifest, platform)?.digest ?? null,
  };
}

/** What the running digest is (an index or a platform manifest); null when the registry no longer has it. */
async function resolveRunning(
  client: RegistryClient,
  reference: ImageReference,
  digest: string,
  platform: ImagePlatform,
  call: { signal?: AbortSignal },
): Promise<DigestPair | null> {
  try {
    return digestsFor(await client.getManifest(reference, digest, call), platform);
  } catch (error) {
    if (error instanceof ManifestNotFoundError) return null;
    throw error;
  }
}
