// Answers a registry's auth challenges: Basic with the user's credential, or Bearer tokens from the
// token server (distribution/docs/spec/auth/token.md; oauth.md for identity tokens). Tokens are
// cached per registry + scope + credential identity until `expires_in` (default 60 s per the
// spec), with one fetch in flight per key: a token bought before a login changed is never handed
// out for the new one. Credentials are looked up only when a registry asks for them.
import type { HttpClient } from '../http/client.js';
import type { AuthChallenge } from './auth-challenge.js';
import type { CredentialProvider, RegistryCredential } from './credentials.js';
import { RegistryUnauthorizedError } from './errors.js';
import { allowsPlainHttp, type EndpointOptions } from './registry-endpoint.js';
import { answeredElsewhere, errorForResponse, errorForTransport, jsonBody } from './response-errors.js';
import { isRecord } from './manifest.js';
import { messageOf } from '../model/message-of.js';

const DEFAULT_TOKEN_LIFETIME_S = 60;
const CLIENT_ID = 'cupdate-desktop';

interface CachedToken {
  readonly header: string;
  readonly expiresAt: number;
}

/** An Authorization header and whose it is: the partition its answers are cached under. */
export interface Authorization {
  readonly header: string;
  /** The identity of the credential behind it (credential-identity.ts); undefined when anonymous. */
  readonly identity: string | undefined;
}

export interface RegistryAuthOptions extends EndpointOptions {
  readonly http: Pick<HttpClient, 'request'>;
  readonly credentials?: CredentialProvider;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

/** How long a credential look-up (found or not) is kept; forgetCredentials() drops it sooner. */
const CREDENTIAL_TTL_MS = 60_000;

export class RegistryAuth {
  readonly #options: RegistryAuthOptions;
  readonly #now: () => number;
  readonly #challenges = new Map<string, AuthChallenge>();
  readonly #tokens = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<string>>();
  /**
   * Credential look-ups, kept a while so a scan does not re-run a credential helper for every
   * request, and not for ever, so `docker login` in a terminal is picked up.
   */
  readonly #credentials = new Map<
    string,
    { readonly pending: Promise<RegistryCredential | undefined>; expiresAt: number }
  >();
  /** Why a registry's credentials could not be read (e.g. a missing helper): told with a 401. */
  readonly #credentialProblems = new Map<string, string>();

  constructor(options: RegistryAuthOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The Authorization to send first, from a challenge this registry gave earlier. */
  async current(
    registry: string,
    scope: string | undefined,
    signal?: AbortSignal,
  ): Promise<Authorization | undefined> {
    const challenge = this.#challenges.get(registry);
    return challenge === undefined ? undefined : this.#answer(registry, challenge, scope, signal);
  }

  /**
   * After a 401: remember the challenge and return the header to retry with, or undefined when we
   * have nothing better to offer than what was just refused.
   */
  async challenged(
    registry: string,
    challenge: AuthChallenge,
    scope: string | undefined,
    refused: Authorization | undefined,
    signal?: AbortSignal,
  ): Promise<Authorization | undefined> {
    this.#challenges.set(registry, challenge);
    // A refused token is dropped so the retry fetches a fresh one (it may have expired early).
    if (refused !== undefined) {
      this.#tokens.delete(tokenKey(registry, challengeScope(challenge, scope), refused.identity));
    }
    const answer = await this.#answer(registry, challenge, scope, signal);
    return answer?.header === refused?.header ? undefined : answer;
  }

  /** Says what was tried, for the message of an UNAUTHORIZED error. */
  async describeAttempt(registry: string): Promise<string> {
    const credential = await this.#credentials.get(registry)?.pending;
    const problem = this.#credentialProblems.get(registry);
    if (credential !== undefined)
      return `; the credentials of user ${JSON.stringify(credential.username)} were refused`;
    if (problem !== undefined)
      return `; anonymous access was refused, and the stored credentials could not be read: ${problem}`;
    return '; anonymous access was refused and no credentials are stored for this registry';
  }

  async #answer(
    registry: string,
    challenge: AuthChallenge,
    scope: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Authorization | undefined> {
    if (challenge.scheme === 'basic') {
      const credential = await this.#credential(registry);
      if (credential === undefined || credential.kind !== 'basic') return undefined;
      const basic = Buffer.from(`${credential.username}:${credential.revealSecret()}`).toString('base64');
      return { header: `Basic ${basic}`, identity: credential.identity };
    }
    const realm = new URL(challenge.realm);
    // Never send a password in clear text to a token server that is neither https nor local.
    const mayCarrySecret = realm.protocol === 'https:' || allowsPlainHttp(realm.host, this.#options);
    const credential = mayCarrySecret ? await this.#credential(registry) : undefined;
    const identity = credential?.identity;
    const wantedScope = challengeScope(challenge, scope);
    const key = tokenKey(registry, wantedScope, identity);
    const cached = this.#tokens.get(key);
    if (cached !== undefined && cached.expiresAt > this.#now()) return { header: cached.header, identity };
    let pending = this.#inFlight.get(key);
    if (pending === undefined) {
      pending = this.#fetchToken(registry, realm, challenge, wantedScope, credential, key, signal).finally(
        () => this.#inFlight.delete(key),
      );
      this.#inFlight.set(key, pending);
    }
    return { header: await pending, identity };
  }

  async #fetchToken(
    registry: string,
    realm: URL,
    challenge: Extract<AuthChallenge, { scheme: 'bearer' }>,
    scope: string | undefined,
    credential: RegistryCredential | undefined,
    key: string,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const subject = `token for ${scope ?? registry}`;
    const init = { registry, subject };
    const params = new URLSearchParams();
    if (challenge.service !== undefined) params.set('service', challenge.service);
    if (scope !== undefined) params.set('scope', scope);
    let response;
    try {
      if (credential?.kind === 'identity-token') {
        params.set('grant_type', 'refresh_token');
        params.set('refresh_token', credential.revealSecret());
        params.set('client_id', CLIENT_ID);
        response = await this.#options.http.request({
          url: realm,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
          noRetryOn: [401, 403],
          ...this.#callOptions(signal),
        });
      } else {
        for (const [name, value] of params) realm.searchParams.append(name, value);
        const authorization =
          credential === undefined
            ? undefined
            : `Basic ${Buffer.from(`${credential.username}:${credential.revealSecret()}`).toString('base64')}`;
        response = await this.#options.http.request({
          url: realm,
          headers: authorization === undefined ? {} : { authorization },
          noRetryOn: [401, 403],
          ...this.#callOptions(signal),
        });
      }
    } catch (error) {
      throw errorForTransport(error, init);
    }
    // Refused by the token server itself (a refusal by a host it redirected to is not about the login).
    if ((response.status === 401 || response.status === 403) && !answeredElsewhere(response, realm)) {
      throw new RegistryUnauthorizedError({
        ...init,
        status: response.status,
        problem: `the token server ${realm.host} refused the request${await this.describeAttempt(registry)}`,
      });
    }
    if (response.status < 200 || response.status >= 300) {
      throw errorForResponse(response, { ...init, notFound: 'repository', requested: realm });
    }
    const body = jsonBody(response, init);
    const token = isRecord(body) ? (body.token ?? body.access_token) : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new RegistryUnauthorizedError({
        ...init,
        problem: `the token server ${realm.host} sent no token`,
      });
    }
    const lifetime =
      isRecord(body) && typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_LIFETIME_S;
    const header = `Bearer ${token}`;
    this.#tokens.set(key, { header, expiresAt: this.#now() + lifetime * 1000 });
    return header;
  }

  #callOptions(signal: AbortSignal | undefined): { signal?: AbortSignal; timeoutMs?: number } {
    return {
      ...(signal === undefined ? {} : { signal }),
      ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
    };
  }

  #credential(registry: string): Promise<RegistryCredential | undefined> {
    const now = this.#now();
    const cached = this.#credentials.get(registry);
    if (cached !== undefined && cached.expiresAt > now) return cached.pending;
    const entry = {
      pending: this.#lookUp(registry, () => (entry.expiresAt = 0)),
      expiresAt: now + CREDENTIAL_TTL_MS,
    };
    this.#credentials.set(registry, entry);
    return entry.pending;
  }

  /**
   * Drops what was learnt from the credentials (the look-ups, the tokens they bought, and what the
   * providers remember, such as failed helpers), for one registry or all: the user gave or changed
   * a login, so the next request uses it.
   */
  forgetCredentials(registry?: string): void {
    this.#options.credentials?.forget?.(registry);
    const matches = (key: string) => registry === undefined || key === registry;
    for (const key of [...this.#credentials.keys()]) if (matches(key)) this.#credentials.delete(key);
    for (const key of [...this.#credentialProblems.keys()])
      if (matches(key)) this.#credentialProblems.delete(key);
    for (const key of [...this.#tokens.keys()])
      if (matches(key.split(' ')[0] ?? '')) this.#tokens.delete(key);
  }

  /** Asks the provider; on failure calls `expire` (this look-up, not a newer one) and answers none. */
  async #lookUp(registry: string, expire: () => void): Promise<RegistryCredential | undefined> {
    const provider = this.#options.credentials;
    if (provider === undefined) return undefined;
    try {
      return await provider.get(registry);
    } catch (error) {
      // Go on anonymously; if the registry refuses, the UNAUTHORIZED error tells both. Asked again
      // next time: the provider answers a failure it remembers at once (a failed helper is not run
      // again until the user changes something), and a fixed config.json is picked up.
      this.#credentialProblems.set(registry, messageOf(error));
      expire();
      return undefined;
    }
  }
}

function challengeScope(challenge: AuthChallenge, scope: string | undefined): string | undefined {
  return scope ?? (challenge.scheme === 'bearer' ? challenge.scope : undefined);
}

/** Registry first (forgetCredentials matches on it), then scope, then whose token it is. */
function tokenKey(registry: string, scope: string | undefined, identity: string | undefined): string {
  return `${registry} ${scope ?? ''} ${identity ?? 'anonymous'}`;
}
