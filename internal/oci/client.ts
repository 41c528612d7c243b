// The registry client: the OCI distribution API (github.com/opencontainers/distribution-spec
// spec.md) over the shared HttpClient. It pings, answers auth challenges, lists tags across
// `Link` pages, reads manifests and indexes (verifying digests), picks a platform's manifest,
// reads config blobs and the referrers API. Every failure is a typed RegistryError (errors.ts).
import { createHash } from 'node:crypto';
import { BODY_LIMITS, type BodyLimit } from '../http/body-limit.js';
import type { HttpClient } from '../http/client.js';
import type { HttpRequest, HttpResponse } from '../http/types.js';
import { parseAuthChallenge } from './auth-challenge.js';
import type { CredentialProvider } from './credentials.js';
import {
  DigestMismatchError,
  ManifestNotFoundError,
  PlatformNotFoundError,
  RegistryError,
  UnexpectedRegistryResponseError,
  UnsupportedManifestError,
} from './errors.js';
import {
  MANIFEST_ACCEPT,
  MEDIA_TYPES,
  ManifestShapeError,
  findPlatformManifest,
  isRecord,
  manifestKindOf,
  parseDescriptor,
  parseManifest,
  stringRecord,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  type Manifest,
} from './manifest.js';
import { formatPlatform, type ImagePlatform } from './platform.js';
import { isDigest, type ImageReference } from './reference.js';
import { RegistryAuth, type Authorization } from './registry-auth.js';
import { registryBaseUrl, type EndpointOptions } from './registry-endpoint.js';
import {
  answeredElsewhere,
  errorForResponse,
  errorForTransport,
  jsonBody,
  type ErrorContext,
} from './response-errors.js';

export interface RegistryClientOptions extends EndpointOptions {
  readonly http: Pick<HttpClient, 'request' | 'forget'>;
  /** The user's credentials (DockerConfigCredentials); none means anonymous only. */
  readonly credentials?: CredentialProvider;
  /** Per-request deadline; default the HttpClient's. */
  readonly timeoutMs?: number;
  /** How long tag lists and manifests fetched by tag are served from cache. Default 5 minutes. */
  readonly tagTtlMs?: number;
  readonly now?: () => number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface ManifestHead {
  readonly digest: string;
  readonly mediaType: string;
  /** Whether the digest names an index or an image manifest. */
  readonly kind: Manifest['kind'];
  readonly size: number;
}

/** The parts of an image config blob (OCI image-spec config.md) the app shows. */
export interface ImageConfig {
  readonly digest: string;
  readonly created: string | null;
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface PlatformManifest {
  /** The index the platform was picked from, when the reference named an index. */
  readonly index: ImageIndex | null;
  readonly manifest: ImageManifest;
}

const DEFAULT_TAG_TTL_MS = 5 * 60_000;
const MAX_TAG_PAGES = 1_000;

/** An answer and the request that got it, as sent: with its Authorization and cache partition. */
interface Exchanged {
  readonly response: HttpResponse;
  readonly sent: HttpRequest;
}

interface Target {
  readonly repository: ImageReference;
  /** Shown in errors: the reference (or repository) the call is about. */
  readonly subject: string;
  readonly notFound: ErrorContext['notFound'];
}

export class RegistryClient {
  readonly #options: RegistryClientOptions;
  readonly #auth: RegistryAuth;
  readonly #tagTtlMs: number;
  /** Base URL by registry domain: asked for on every request, and it never changes for a client. */
  readonly #bases = new Map<string, string>();

  constructor(options: RegistryClientOptions) {
    this.#options = options;
    this.#auth = new RegistryAuth(options);
    this.#tagTtlMs = options.tagTtlMs ?? DEFAULT_TAG_TTL_MS;
  }

  /**
   * Forgets cached credential look-ups, the tokens they bought and failed credential helpers (one
   * registry, or all): a login changed. Cached answers need no forgetting: they are kept under the
   * identity of the credential they were fetched with, which a new login does not share.
   */
  forgetCredentials(registry?: string): void {
    this.#auth.forgetCredentials(registry);
  }

  /** GET /v2/: resolves when the host speaks the registry API (200, or 401 with a challenge). */
  async ping(registry: string, options: CallOptions = {}): Promise<void> {
    const init = { registry, subject: `registry ${registry}` };
    const url = `${this.#base(registry)}/v2/`;
    const { response } = await this.#exchange(registry, undefined, { url, ...options }, init);
    if (response.status === 200 && response.headers['docker-distribution-api-version'] !== undefined) return;
    if (response.status === 200) {
      jsonBody(response, init); // distribution answers "{}"; an HTML page here is not a registry
      return;
    }
    throw errorForResponse(response, {
      ...init,
      notFound: 'repository',
      requested: url,
      authNote: await this.#auth.describeAttempt(registry),
    });
  }

  /** Every tag of the repository, following `Link: <…>; rel="next"` pages, sorted and de-duplicated. */
  async listTags(repository: ImageReference, options: CallOptions = {}): Promise<string[]> {
    const target: Target = { repository, subject: repository.name, notFound: 'repository' };
    const first = new URL(`${this.#base(repository.domain)}/v2/${repository.path}/tags/list`);
    const tags = new Set<string>();
    let url: URL | null = first;
    for (let pages = 0; url !== null; pages++) {
      if (pages === MAX_TAG_PAGES) {
        throw new UnexpectedRegistryResponseError({
          registry: repository.domain,
          subject: repository.name,
          problem: `the tag list did not end after ${MAX_TAG_PAGES} pages`,
        });
      }
      const page: { pageTags: unknown[]; next: URL | null } = await this.#read(
        target,
        { url, cache: { ttlMs: this.#tagTtlMs }, bodyLimit: BODY_LIMITS.tagList, ...options },
        (response) => {
          const body = jsonBody(response, { registry: repository.domain, subject: repository.name });
          // `{"tags": null}`: a repository whose tags were all deleted (distribution 2.8).
          return {
            pageTags: isRecord(body) && Array.isArray(body.tags) ? body.tags : [],
            next: nextPage(response, first, repository),
          };
        },
      );
      for (const tag of page.pageTags) if (typeof tag === 'string') tags.add(tag);
      url = page.next;
    }
    return [...tags].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * HEAD a manifest by tag or digest: its digest (Docker-Content-Digest) and kind (Content-Type)
   * without downloading it. A HEAD has no body to verify the digest against: the digest is checked
   * when the manifest is fetched by it (getManifest), like containerd's resolver does.
   */
  async headManifest(
    repository: ImageReference,
    tagOrDigest: string,
    options: CallOptions = {},
  ): Promise<ManifestHead> {
    const target = manifestTarget(repository, tagOrDigest);
    const response = await this.#get(target, {
      ...this.#manifestRequest(repository, tagOrDigest),
      method: 'HEAD',
      ...options,
    });
    const digest = response.headers['docker-content-digest'];
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
    const kind = manifestKindOf(mediaType);
    if (digest !== undefined && isDigest(digest) && kind !== null) {
      return { digest, mediaType, kind, size: Number(response.headers['content-length'] ?? 0) };
    }
    // Some registries send no digest (or a generic Content-Type) on HEAD: the GET body is the truth.
    const manifest = await this.getManifest(repository, tagOrDigest, options);
    return { digest: manifest.digest, mediaType: manifest.mediaType, kind: manifest.kind, size: 0 };
  }

  /** GET a manifest or index by tag or digest; its digest is verified against the bytes. */
  async getManifest(
    repository: ImageReference,
    tagOrDigest: string,
    options: CallOptions = {},
  ): Promise<Manifest> {
    const target = manifestTarget(repository, tagOrDigest);
    return this.#read(
      target,
      { ...this.#manifestRequest(repository, tagOrDigest), ...options },
      (response) => {
        const digest = verifiedDigest(response, target, isDigest(tagOrDigest) ? tagOrDigest : undefined);
        const body = jsonBody(response, { registry: repository.domain, subject: target.subject });
        try {
          return parseManifest(body, digest, response.headers['content-type'] ?? '');
        } catch (error) {
          if (!(error instanceof ManifestShapeError)) throw error;
          throw new UnsupportedManifestError({
            registry: repository.domain,
            subject: target.subject,
            problem: error.message,
          });
        }
      },
    );
  }

  /** The image manifest `tagOrDigest` runs on `platform`: itself, or its entry in an index. */
  async getPlatformManifest(
    repository: ImageReference,
    tagOrDigest: string,
    platform: ImagePlatform,
    options: CallOptions = {},
  ): Promise<PlatformManifest> {
    const manifest = await this.getManifest(repository, tagOrDigest, options);
    if (manifest.kind === 'image') return { index: null, manifest };
    const entry = findPlatformManifest(manifest, platform);
    if (entry === undefined) {
      throw new PlatformNotFoundError({
        registry: repository.domain,
        subject: `${repository.name}:${tagOrDigest}`,
        problem: `the index has no ${formatPlatform(platform)} manifest`,
      });
    }
    const platformManifest = await this.getManifest(repository, entry.digest, options);
    if (platformManifest.kind !== 'image') {
      throw new UnsupportedManifestError({
        registry: repository.domain,
        subject: `${repository.name}@${entry.digest}`,
        problem: 'an index entry points at another index',
      });
    }
    return { index: manifest, manifest: platformManifest };
  }

  /** A blob by digest (verified); cached forever, since the digest names its content. */
  getBlob(repository: ImageReference, digest: string, options: CallOptions = {}): Promise<Uint8Array> {
    return this.#blob(repository, digest, BODY_LIMITS.blob, options);
  }

  async #blob(
    repository: ImageReference,
    digest: string,
    bodyLimit: BodyLimit,
    options: CallOptions,
  ): Promise<Uint8Array> {
    const target: Target = { repository, subject: `${repository.name}@${digest}`, notFound: 'manifest' };
    const request = {
      url: `${this.#base(repository.domain)}/v2/${repository.path}/blobs/${digest}`,
      cache: { ttlMs: 0, immutable: true },
      bodyLimit,
      ...options,
    };
    return this.#read(target, request, (response) => {
      verifiedDigest(response, target, digest);
      return response.body;
    });
  }

  /** The config blob of an image manifest: labels, creation time, platform. */
  async getImageConfig(
    repository: ImageReference,
    manifest: ImageManifest,
    options: CallOptions = {},
  ): Promise<ImageConfig> {
    const bytes = await this.#blob(repository, manifest.config.digest, BODY_LIMITS.imageConfig, options);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new UnsupportedManifestError({
        registry: repository.domain,
        subject: `${repository.name}@${manifest.config.digest}`,
        problem: 'the image config is not JSON',
        cause,
      });
    }
    const config = isRecord(body) ? body : {};
    const inner = isRecord(config.config) ? config.config : {};
    return {
      digest: manifest.config.digest,
      created: typeof config.created === 'string' ? config.created : null,
      os: typeof config.os === 'string' ? config.os : '',
      architecture: typeof config.architecture === 'string' ? config.architecture : '',
      ...(typeof config.variant === 'string' ? { variant: config.variant } : {}),
      labels: stringRecord(inner.Labels),
    };
  }

  /**
   * Manifests that refer to `digest` (signatures, SBOMs, attestations): the referrers API, or the
   * spec's fallback tag `<alg>-<hex>` on registries without it (distribution-spec "Referrers Tag Schema").
   */
  async getReferrers(
    repository: ImageReference,
    digest: string,
    options: CallOptions & { readonly artifactType?: string } = {},
  ): Promise<Descriptor[]> {
    const target: Target = {
      repository,
      subject: `referrers of ${repository.name}@${digest}`,
      notFound: 'manifest',
    };
    const url = new URL(`${this.#base(repository.domain)}/v2/${repository.path}/referrers/${digest}`);
    if (options.artifactType !== undefined) url.searchParams.set('artifactType', options.artifactType);
    const call = options.signal === undefined ? {} : { signal: options.signal };
    const { response } = await this.#send(target, {
      url,
      headers: { accept: MEDIA_TYPES.ociIndex },
      cache: { ttlMs: this.#tagTtlMs, varyOn: ['accept'] },
      bodyLimit: BODY_LIMITS.manifest,
      ...call,
    });
    let descriptors: readonly Descriptor[];
    if (response.status === 200 && (response.headers['content-type'] ?? '').includes(MEDIA_TYPES.ociIndex)) {
      const body = jsonBody(response, { registry: repository.domain, subject: target.subject });
      descriptors =
        isRecord(body) && Array.isArray(body.manifests) ? body.manifests.map(parseDescriptor) : [];
    } else if (response.status === 404 || response.status === 200) {
      descriptors = await this.#referrersByTag(repository, digest, call);
    } else {
      throw errorForResponse(response, { ...target, registry: repository.domain });
    }
    const wanted = options.artifactType;
    return descriptors.filter((entry) => wanted === undefined || entry.artifactType === wanted);
  }

  async #referrersByTag(
    repository: ImageReference,
    digest: string,
    options: CallOptions,
  ): Promise<readonly Descriptor[]> {
    try {
      const index = await this.getManifest(repository, digest.replace(':', '-'), options);
      return index.kind === 'index' ? index.manifests : [];
    } catch (error) {
      if (error instanceof ManifestNotFoundError) return [];
      throw error;
    }
  }

  #manifestRequest(repository: ImageReference, tagOrDigest: string): HttpRequest {
    const immutable = isDigest(tagOrDigest);
    return {
      url: `${this.#base(repository.domain)}/v2/${repository.path}/manifests/${tagOrDigest}`,
      headers: { accept: MANIFEST_ACCEPT },
      bodyLimit: BODY_LIMITS.manifest,
      cache: immutable
        ? { ttlMs: 0, immutable: true, varyOn: ['accept'] }
        : { ttlMs: this.#tagTtlMs, varyOn: ['accept'] },
    };
  }

  #base(domain: string): string {
    let base = this.#bases.get(domain);
    if (base === undefined) {
      base = registryBaseUrl(domain, this.#options);
      this.#bases.set(domain, base);
    }
    return base;
  }

  /**
   * #get, then `read` the answer. The HTTP cache stores any 2xx before we can check it, so an answer
   * that fails to read (an HTML portal page, bytes that do not match their digest) is dropped from
   * the cache; one that came from the cache is fetched again from the network.
   */
  async #read<T>(target: Target, request: HttpRequest, read: (response: HttpResponse) => T): Promise<T> {
    const first = await this.#succeeded(target, request);
    try {
      return read(first.response);
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      // As it was sent: the cached answer lives under its credential's partition.
      this.#options.http.forget(first.sent);
      if (first.response.source === 'network') throw error;
      return read(await this.#get(target, request));
    }
  }

  async #get(target: Target, request: HttpRequest): Promise<HttpResponse> {
    return (await this.#succeeded(target, request)).response;
  }

  /** A request that must succeed (2xx); anything else becomes the typed error. */
  async #succeeded(target: Target, request: HttpRequest): Promise<Exchanged> {
    const exchanged = await this.#send(target, request);
    const { response } = exchanged;
    if (response.status >= 200 && response.status < 300) return exchanged;
    const registry = target.repository.domain;
    const authNote = response.status === 401 ? await this.#auth.describeAttempt(registry) : undefined;
    throw errorForResponse(response, {
      ...target,
      registry,
      requested: request.url,
      ...(authNote === undefined ? {} : { authNote }),
    });
  }

  #send(target: Target, request: HttpRequest): Promise<Exchanged> {
    const scope = `repository:${target.repository.path}:pull`;
    return this.#exchange(target.repository.domain, scope, request, {
      registry: target.repository.domain,
      subject: target.subject,
    });
  }

  /**
   * Sends with the best Authorization we have; on a 401 answers the challenge and retries once.
   * A cached answer is kept under the identity of the credential sent (docs/registries.md, "Whose
   * answers are cached"), so it never reaches another login or an anonymous request.
   */
  async #exchange(
    registry: string,
    scope: string | undefined,
    request: HttpRequest,
    init: { registry: string; subject: string },
  ): Promise<Exchanged> {
    const signal = request.signal;
    const send = async (authorization: Authorization | undefined): Promise<Exchanged> => {
      const partition = authorization?.identity;
      const sent: HttpRequest = {
        ...request,
        headers: {
          ...request.headers,
          ...(authorization === undefined ? {} : { authorization: authorization.header }),
        },
        ...(request.cache === undefined || partition === undefined
          ? {}
          : { cache: { ...request.cache, partition } }),
        noRetryOn: [401],
        ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
      };
      try {
        return { response: await this.#options.http.request(sent), sent };
      } catch (error) {
        throw errorForTransport(error, init);
      }
    };
    const first = await this.#auth.current(registry, scope, signal);
    const exchanged = await send(first);
    // A 401 from a host the registry redirected to is not the registry's challenge: answering it
    // would send the user's password to the realm that host names.
    if (exchanged.response.status !== 401 || answeredElsewhere(exchanged.response, request.url)) {
      return exchanged;
    }
    const challenge = parseAuthChallenge(exchanged.response.headers['www-authenticate']);
    if (challenge === null) return exchanged;
    const retry = await this.#auth.challenged(registry, challenge, scope, first, signal);
    return retry === undefined ? exchanged : send(retry);
  }
}

function manifestTarget(repository: ImageReference, tagOrDigest: string): Target {
  const separator = isDigest(tagOrDigest) ? '@' : ':';
  return { repository, subject: `${repository.name}${separator}${tagOrDigest}`, notFound: 'manifest' };
}

/**
 * The digest of the bytes received. Docker-Content-Digest, and the digest asked for, must agree
 * with it: a registry or proxy that serves other bytes is caught here, not trusted.
 */
function verifiedDigest(response: HttpResponse, target: Target, requested: string | undefined): string {
  const header = response.headers['docker-content-digest'];
  const expected = requested ?? (header !== undefined && isDigest(header) ? header : undefined);
  const algorithm = expected?.split(':')[0] ?? 'sha256';
  const actual = `${algorithm}:${createHash(algorithm).update(response.body).digest('hex')}`;
  for (const claimed of [requested, header]) {
    if (
      claimed !== undefined &&
      isDigest(claimed) &&
      claimed.startsWith(`${algorithm}:`) &&
      claimed !== actual
    ) {
      throw new DigestMismatchError({
        registry: target.repository.domain,
        subject: target.subject,
        problem: `the content's digest is ${actual}, not ${claimed}`,
      });
    }
  }
  return actual;
}

/** The next tag page from `Link: <url>; rel="next"`, relative or absolute, on the registry's own origin only. */
function nextPage(response: HttpResponse, first: URL, repository: ImageReference): URL | null {
  const link = response.headers['link'];
  if (link === undefined) return null;
  const match = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(link);
  if (match === null) return null;
  const next = new URL(match[1]!, response.url);
  if (next.origin !== first.origin) {
    // Following it would send our token to another host.
    throw new UnexpectedRegistryResponseError({
      registry: repository.domain,
      subject: repository.name,
      problem: `the next tag page is on another host (${next.origin})`,
    });
  }
  return next;
}
