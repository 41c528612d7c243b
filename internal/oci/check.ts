// checkImage: for one running image, what the registry has now. Two questions: is there a newer
// tag (internal/version over the tag list), and does the running tag now point at different
// content *for the platform the image runs on*?
//
// The second question is where false alarms come from: a manifest-list (index) digest is never
// compared with a platform manifest digest, and a changed index whose entry for our platform is
// unchanged (only arm64 was rebuilt, we run amd64) is not an update.
//
// Cold, this costs the tag list and one manifest HEAD of the running tag, in parallel: the HEAD's
// Docker-Content-Digest says what the tag names now, and its Content-Type whether that is an index
// (the way containerd's resolver and `docker pull` resolve a tag, distribution-spec "Checking if
// content exists"; Docker Hub does not count HEADs against its pull limit). Only when that digest
// differs from the running one is more read, by digest: the remote index (for its entry for our
// platform) and the running manifest (is it an index, which entry is ours). Those are immutable, so
// the HTTP client caches them forever and fetches each once for every image that needs it.
import { judge } from '../version/docker.js';
import type { Rules } from '../version/rules.js';
import type { TagVerdict, Updates } from '../version/types.js';
import type { ManifestHead, RegistryClient } from './client.js';
import { ManifestNotFoundError } from './errors.js';
import { findPlatformManifest, type Manifest } from './manifest.js';
import type { ImagePlatform } from './platform.js';
import type { ImageReference } from './reference.js';

export interface CheckOptions {
  readonly platform: ImagePlatform;
  readonly rules?: Rules;
  readonly signal?: AbortSignal;
}

/**
 * The digests of what runs: the index (null for a single-platform image, or when the running digest
 * is unknown) and the platform manifest (null when unknown, or not read because nothing needed it:
 * the running digest was what the tag names now).
 */
export interface DigestPair {
  readonly indexDigest: string | null;
  readonly platformDigest: string | null;
}

/** What the tag names now, from a HEAD. */
export type RemoteTag =
  /** A single-platform image: its manifest is the platform manifest. */
  | { readonly kind: 'image'; readonly digest: string }
  /**
   * An index. `platformDigest`: its entry for our platform (null when it has none), present only
   * when the comparison had to read the index (the running digest was not the index itself).
   */
  | { readonly kind: 'index'; readonly digest: string; readonly platformDigest?: string | null };

/** How sameTagChanged was decided. */
export type SameTagBasis =
  /** The reference carries no digest: nothing to compare. */
  | 'no-running-digest'
  /** The reference carries no tag (digest only): nothing to compare with. */
  | 'no-tag'
  /** The running digest is what the tag names, or the tag's platform manifest. */
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
  /** What the tag names now; null for a digest-only reference. */
  readonly remote: RemoteTag | null;
  /** True only when the tag now points at different content for this platform. */
  readonly sameTagChanged: boolean;
  readonly sameTagBasis: SameTagBasis;
  readonly tags: readonly string[];
  readonly updates: Updates;
  readonly explain: readonly TagVerdict[];
}

const NO_UPDATES: Updates = { patch: null, minor: null, major: null, latest: null };
const UNKNOWN: DigestPair = { indexDigest: null, platformDigest: null };

type Call = { signal?: AbortSignal };

export async function checkImage(
  client: RegistryClient,
  reference: ImageReference,
  options: CheckOptions,
): Promise<CheckResult> {
  const call: Call = options.signal === undefined ? {} : { signal: options.signal };
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

  const [tags, head] = await Promise.all([
    client.listTags(reference, call),
    client.headManifest(reference, tag, call),
  ]);
  const { updates, explain } = judge(tag, tags, options.rules);
  const comparison = await compareRunning(client, reference, running, head, platform, call);
  return { reference, tag, platform, tags, updates, explain, ...comparison };
}

type Comparison = Pick<CheckResult, 'current' | 'remote' | 'sameTagChanged' | 'sameTagBasis'>;

/** What runs, and whether the tag now points at other content for `platform`. */
async function compareRunning(
  client: RegistryClient,
  reference: ImageReference,
  running: string | undefined,
  head: ManifestHead,
  platform: ImagePlatform,
  call: Call,
): Promise<Comparison> {
  const unread: RemoteTag = { kind: head.kind, digest: head.digest };
  if (running === undefined) {
    return { current: UNKNOWN, remote: unread, sameTagChanged: false, sameTagBasis: 'no-running-digest' };
  }
  if (running === head.digest) {
    const current =
      head.kind === 'image'
        ? { indexDigest: null, platformDigest: running }
        : { indexDigest: running, platformDigest: null };
    return { current, remote: unread, sameTagChanged: false, sameTagBasis: 'same-digest' };
  }
  // The tag names other content than what runs: compare the two for our platform.
  const remote: RemoteTag =
    head.kind === 'image'
      ? unread
      : {
          kind: 'index',
          digest: head.digest,
          platformDigest: await indexEntry(client, reference, head.digest, platform, call),
        };
  const remotePlatform = remote.kind === 'image' ? remote.digest : (remote.platformDigest ?? null);
  if (running === remotePlatform) {
    const current = { indexDigest: null, platformDigest: running };
    return { current, remote, sameTagChanged: false, sameTagBasis: 'same-digest' };
  }
  const current = await resolveRunning(client, reference, running, platform, call);
  if (current === null) {
    return { current: UNKNOWN, remote, sameTagChanged: false, sameTagBasis: 'running-digest-unknown' };
  }
  return {
    current,
    remote,
    sameTagChanged: current.platformDigest !== remotePlatform,
    sameTagBasis: 'platform-manifest',
  };
}

/** The digest of the index's entry for `platform`, or null when it has none. */
async function indexEntry(
  client: RegistryClient,
  reference: ImageReference,
  digest: string,
  platform: ImagePlatform,
  call: Call,
): Promise<string | null> {
  const index = await client.getManifest(reference, digest, call);
  return digestsFor(index, platform).platformDigest;
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
  call: Call,
): Promise<DigestPair | null> {
  try {
    return digestsFor(await client.getManifest(reference, digest, call), platform);
  } catch (error) {
    if (error instanceof ManifestNotFoundError) return null;
    throw error;
  }
}
