import { ImageSpecError, RegistryRequestError } from './errors.js';
import type { Blob } from './image-builder.js';
import type { PushTarget } from './image-types.js';

// The push side of the distribution API (https://github.com/opencontainers/distribution-spec),
// for seeding test registries: answers Basic and Bearer challenges itself, caches tokens per scope,
// and reuses blobs already in the registry so seeding thousands of repositories stays fast.

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** `Bearer realm="https://a/token",service="s",scope="repository:x:pull"` → scheme and params. */
function parseChallenge(header: string): Challenge {
  const scheme = header.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  const params = Object.fromEntries(
    [...header.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]),
  );
  return { scheme, params };
}

/** Reads the body (freeing the connection) and throws unless the status is one of `expected`. */
async function expectStatus(response: Response, expected: readonly number[], what: string): Promise<string> {
  const body = await response.text();
  if (!expected.includes(response.status)) {
    throw new RegistryRequestError(
      `${what} answered ${response.status} (expected ${expected.join(' or ')}): ${body.slice(0, 300)}`,
      response.status,
    );
  }
  return body;
}

// Which repository of a registry (by URL) holds a blob, for cross-repository mounts.
const blobHomes = new Map<string, Map<string, string>>();

export class RegistrySession {
  private readonly basicAuthorization: string | undefined;
  private useBasic = false;
  private readonly tokens = new Map<string, string>();
  private readonly tokenRequests = new Map<string, Promise<string>>();
  private readonly homes: Map<string, string>;
  readonly url: string;

  constructor(target: PushTarget) {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch (error) {
      // Not echoed: a malformed URL may still hold credentials.
      throw new ImageSpecError('PushTarget.url is not an absolute URL: use http://127.0.0.1:PORT', {
        cause: error,
      });
    }
    if (url.username || url.password) {
      throw new ImageSpecError(
        `PushTarget.url ${url.host} holds credentials: pass username and password instead`,
      );
    }
    this.url = url.origin;
    if (target.username !== undefined && target.password !== undefined) {
      this.basicAuthorization = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`;
    }
    this.homes = blobHomes.get(this.url) ?? new Map<string, string>();
    blobHomes.set(this.url, this.homes);
  }

  /**
   * Sends a request with whatever credentials `scope` (the scope the registry would challenge
   * for, e.g. `repository:x:pull,push`) already has; on a 401 answers the challenge once.
   */
  async send(
    method: string,
    pathOrUrl: string,
    scope: string,
    init: { headers?: Record<string, string>; body?: Buffer } = {},
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.url);
    const attempt = () =>
      fetch(url, {
        method,
        body: init.body,
        // Registries answer uploads and manifests directly; a redirect here would be unexpected
        // and must not carry the credentials elsewhere.
        redirect: 'manual',
        headers: { ...init.headers, ...this.authorizationFor(scope) },
      });
    const response = await attempt();
    if (response.status !== 401) return response;
    await response.body?.cancel();
    await this.answerChallenge(
      response.headers.get('www-authenticate') ?? '',
      scope,
      `${method} ${url.pathname}`,
    );
    return attempt();
  }

  private authorizationFor(scope: string): Record<string, string> {
    const token = this.tokens.get(scope);
    if (token !== undefined) return { authorization: `Bearer ${token}` };
    if (this.useBasic && this.basicAuthorization) return { authorization: this.basicAuthorization };
    return {};
  }

  private async answerChallenge(header: string, scope: string, what: string): Promise<void> {
    const challenge = parseChallenge(header);
    if (challenge.scheme === 'basic' && this.basicAuthorization) {
      this.useBasic = true;
      return;
    }
    const realm = challenge.params.realm;
    if (challenge.scheme !== 'bearer' || realm === undefined) {
      throw new RegistryRequestError(
        `${what} on ${this.url} needs credentials (${challenge.scheme || 'no challenge'}): set PushTarget username and password`,
        401,
      );
    }
    // Concurrent requests for one scope share one token request.
    const pending =
      this.tokenRequests.get(scope) ?? this.requestToken(realm, challenge.params.service, scope, what);
    this.tokenRequests.set(scope, pending);
    try {
      const token = await pending;
      // A token for `A B` also serves requests that need only A or only B.
      for (const part of [scope, ...scope.split(' ')]) this.tokens.set(part, token);
    } finally {
      this.tokenRequests.delete(scope);
    }
  }

  /**
   * Asks for the scope the caller declared rather than the one challenged: a HEAD is challenged
   * for `pull` only, but the push that follows needs `pull,push`, and one token serves both.
   */
  private async requestToken(
    realm: string,
    service: string | undefined,
    scope: string,
    what: string,
  ): Promise<string> {
    const tokenUrl = new URL(realm);
    if (service) tokenUrl.searchParams.set('service', service);
    // One `scope` parameter per scope, as the token spec and Docker's client do.
    for (const part of scope.split(' ')) tokenUrl.searchParams.append('scope', part);
    const response = await fetch(tokenUrl, {
      redirect: 'manual',
      headers: this.basicAuthorization ? { authorization: this.basicAuthorization } : {},
    });
    const body = await expectStatus(
      response,
      [200],
      `token request to ${tokenUrl.origin}${tokenUrl.pathname} for ${what}`,
    );
    const { token, access_token: accessToken } = JSON.parse(body) as {
      token?: string;
      access_token?: string;
    };
    const granted = token ?? accessToken;
    if (!granted)
      throw new RegistryRequestError(`the token server at ${tokenUrl.origin} answered no token`, 200);
    return granted;
  }

  /** Makes `blob` exist in `repository`: mount from a repository known to hold it, else HEAD, else upload. */
  async pushBlob(repository: string, blob: Blob): Promise<void> {
    const pushScope = `repository:${repository}:pull,push`;
    const home = this.homes.get(blob.digest);
    let location: string | null = null;
    if (home !== undefined && home !== repository) {
      const query = new URLSearchParams({ mount: blob.digest, from: home });
      const mount = await this.send(
        'POST',
        `/v2/${repository}/blobs/uploads/?${query}`,
        `${pushScope} repository:${home}:pull`,
      );
      // 201: mounted. 202: the registry could not mount and opened an upload instead.
      await expectStatus(mount, [201, 202], `mount of ${blob.digest} into ${repository}`);
      if (mount.status === 201) return;
      location = mount.headers.get('location');
    } else {
      const head = await this.send('HEAD', `/v2/${repository}/blobs/${blob.digest}`, pushScope);
      await expectStatus(head, [200, 404], `HEAD of blob ${blob.digest} in ${repository}`);
      if (head.status === 200) {
        this.homes.set(blob.digest, repository);
        return;
      }
    }
    if (location === null) {
      const start = await this.send('POST', `/v2/${repository}/blobs/uploads/`, pushScope);
      await expectStatus(start, [202], `upload start in ${repository}`);
      location = start.headers.get('location');
    }
    if (location === null)
      throw new RegistryRequestError(`upload start in ${repository} answered no Location`, 202);
    const uploadUrl = new URL(location, this.url);
    uploadUrl.searchParams.set('digest', blob.digest);
    const put = await this.send('PUT', uploadUrl.href, pushScope, {
      headers: { 'content-type': 'application/octet-stream' },
      body: blob.bytes,
    });
    await expectStatus(put, [201], `upload of ${blob.digest} (${blob.bytes.length} bytes) to ${repository}`);
    this.homes.set(blob.digest, repository);
  }

  /** PUT a manifest or index under a tag or digest; checks the registry computed our digest. */
  async putManifest(
    repository: string,
    reference: string,
    mediaType: string,
    bytes: Buffer,
    digest: string,
  ): Promise<void> {
    const response = await this.send(
      'PUT',
      `/v2/${repository}/manifests/${reference}`,
      `repository:${repository}:pull,push`,
      {
        headers: { 'content-type': mediaType },
        body: bytes,
      },
    );
    await expectStatus(response, [201], `PUT manifest ${repository}:${reference}`);
    const stored = response.headers.get('docker-content-digest');
    if (stored !== digest) {
      throw new RegistryRequestError(
        `PUT manifest ${repository}:${reference} stored ${stored}, expected ${digest}`,
        201,
      );
    }
  }

  /** DELETE a manifest by digest; distribution 2.8 also removes every tag pointing at it. */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.send(
      'DELETE',
      `/v2/${repository}/manifests/${digest}`,
      `repository:${repository}:delete`,
    );
    await expectStatus(response, [202], `DELETE manifest ${repository}@${digest}`);
  }
}
