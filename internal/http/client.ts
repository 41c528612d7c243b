import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from './undici-agent.js';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { BODY_LIMITS, type BodyLimit } from './body-limit.js';
import { readBody } from './body-reader.js';
import { cacheKey, isFresh, isStorable, newEntry, refreshedEntry, validatorHeaders } from './cache-policy.js';
import type { CachePolicy } from './cache-policy.js';
import {
  HttpAbortedError,
  HttpHostPausedError,
  HttpInvalidRequestError,
  HttpNetworkError,
} from './errors.js';
import {
  DEFAULT_BREAKER,
  exchangeOutcome,
  settledOrAborted,
  type BreakerOptions,
  type ExchangeOutcome,
} from './host-breaker.js';
import { HostState } from './host-state.js';
import { MemoryCache } from './memory-cache.js';
import { redirectTarget } from './redirect.js';
import type { Hop } from './redirect.js';
import { toHttpError } from './request-failure.js';
import { RequestDeadline } from './request-deadline.js';
import { BufferedResponse } from './response.js';
import { backoffMs, retryAfterMs } from './retry-timing.js';
import { SingleFlight, type Flight } from './single-flight.js';
import type {
  CacheEntry,
  CacheStore,
  HostBudget,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpStats,
} from './types.js';

export interface RetryOptions {
  /** Tries in all, the first one included. Default 3. */
  readonly attempts: number;
  /** Backoff base; retry n waits a random time up to base·2^(n-1). Default 200. */
  readonly baseDelayMs: number;
  /** Longest wait the client accepts; a longer Retry-After returns the response instead. Default 30,000. */
  readonly maxDelayMs: number;
}

export interface HttpClientOptions {
  readonly cache?: CacheStore;
  readonly perHostConcurrency?: number;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly userAgent?: string;
  /** The clock for expiry, Retry-After and rate-limit resets (tests pass a fast clock). */
  readonly now?: () => number;
  /** Waits `ms` on that clock, rejecting when the signal aborts (tests pass a fast sleep). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The body limit of requests that name none (default BODY_LIMITS.apiJson, 8 MiB). */
  readonly bodyLimit?: BodyLimit;
  /** When a host that does not answer is paused, and for how long (default DEFAULT_BREAKER). */
  readonly breaker?: BreakerOptions;
}

/** One `request()` on its way to the network: its signal, and its deadline on the client's clock. */
interface Call {
  readonly deadline: RequestDeadline;
  readonly deadlineAt: number;
  readonly noRetryOn: readonly number[] | undefined;
  readonly bodyLimit: BodyLimit;
}

// Retrying a request the server may already have acted on is only safe for idempotent methods
// (RFC 9110 §9.2.2): a POST or PATCH is sent once.
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 200, maxDelayMs: 30_000 };

/**
 * The one HTTP client of the core: keep-alive connections, a cache with revalidation, retries that
 * honour Retry-After, per-host concurrency, pauses and rate-limit budgets. See docs/http.md.
 */
export class HttpClient {
  readonly #agent: Agent;
  readonly #cache: CacheStore;
  readonly #concurrency: number;
  readonly #timeoutMs: number;
  readonly #retry: RetryOptions;
  readonly #userAgent: string;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #bodyLimit: BodyLimit;
  readonly #breaker: BreakerOptions;
  readonly #hosts = new Map<string, HostState>();
  readonly #listeners = new Set<(budget: HostBudget) => void>();
  readonly #flights = new SingleFlight<HttpResponse>();
  #stats = { requests: 0, cacheHits: 0, revalidated: 0, retries: 0 };
  #closed: Promise<void> | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.#cache = options.cache ?? new MemoryCache();
    this.#concurrency = positiveInteger('perHostConcurrency', options.perHostConcurrency ?? 16);
    // One connection per slot: the semaphore already bounds what is in flight per origin.
    this.#agent = new Agent({ keepAliveTimeout: 30_000, connections: this.#concurrency });
    this.#timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? 30_000);
    this.#retry = options.retry ?? DEFAULT_RETRY;
    positiveInteger('retry.attempts', this.#retry.attempts);
    this.#userAgent = options.userAgent ?? 'cupdate-desktop';
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.#bodyLimit = options.bodyLimit ?? BODY_LIMITS.apiJson;
    positiveInteger('bodyLimit.bytes', this.#bodyLimit.bytes);
    this.#breaker = options.breaker ?? DEFAULT_BREAKER;
    for (const [name, value] of Object.entries(this.#breaker)) positiveInteger(`breaker.${name}`, value);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const hop = this.#firstHop(req);
    const policy = hop.method === 'GET' || hop.method === 'HEAD' ? req.cache : undefined;
    const key =
      policy === undefined
        ? undefined
        : cacheKey(hop.method, hop.url.href, hop.headers, policy.varyOn, policy.partition);
    const entry = key === undefined ? undefined : this.#cache.get(key);
    if (entry !== undefined && isFresh(entry, this.#now())) {
      this.#stats.cacheHits++;
      return new BufferedResponse(hop.url, entry.status, entry.headers, entry.body, 'cache');
    }

    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const send = async (): Promise<HttpResponse> => {
      const call: Call = {
        deadline: new RequestDeadline(timeoutMs, req.signal),
        deadlineAt: this.#now() + timeoutMs,
        noRetryOn: req.noRetryOn,
        bodyLimit: req.bodyLimit ?? this.#bodyLimit,
      };
      try {
        // A stale entry with validators turns the request into a conditional one (RFC 9111 §4.3.1).
        const sent =
          entry === undefined ? hop : { ...hop, headers: { ...validatorHeaders(entry), ...hop.headers } };
        const response = await this.#following(call, sent, req.maxRedirects ?? 5);
        return key === undefined || policy === undefined
          ? response
          : this.#remember(key, policy, entry, response);
      } finally {
        call.deadline.dispose();
      }
    };
    if (key === undefined || policy?.immutable !== true) return send();
    // Content-addressed: callers asking at the same time share one request (single-flight.ts).
    let flight: Flight<HttpResponse>;
    try {
      flight = await this.#flights.run(key, req.signal, send, (error) => error instanceof HttpAbortedError);
    } catch (error) {
      throw toHttpError(error, hop.method, hop.url, { caller: req.signal, timedOut: false, timeoutMs });
    }
    if (!flight.shared) return flight.value;
    this.#stats.cacheHits++;
    const { status, headers, body } = flight.value;
    return new BufferedResponse(hop.url, status, headers, body, 'cache');
  }

  /**
   * Drops the cached answer to `req`: for a caller that found a stored 2xx unusable (an HTML portal
   * page, bytes that do not match their digest), so it is never served again.
   */
  forget(req: HttpRequest): void {
    const hop = this.#firstHop(req);
    if (req.cache === undefined || (hop.method !== 'GET' && hop.method !== 'HEAD')) return;
    this.#cache.delete(
      cacheKey(hop.method, hop.url.href, hop.headers, req.cache.varyOn, req.cache.partition),
    );
  }

  stats(): HttpStats {
    return { ...this.#stats };
  }

  budgets(): HostBudget[] {
    const now = this.#now();
    return [...this.#hosts.values()].map((host) => host.budget(now));
  }

  /** Calls `listener` whenever a host's limit, remaining, reset or pause changes; returns the unsubscribe. */
  onBudget(listener: (budget: HostBudget) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Stops taking requests; waits for those in flight (each bounded by its deadline). Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#agent.close();
    return this.#closed;
  }

  /** Stores a 2xx answer; turns a 304 for a stored entry into that entry with a new expiry. */
  #remember(
    key: string,
    policy: CachePolicy,
    entry: CacheEntry | undefined,
    response: BufferedResponse,
  ): HttpResponse {
    if (response.status === 304 && entry !== undefined) {
      this.#stats.revalidated++;
      const refreshed = refreshedEntry(entry, response.headers, policy, this.#now());
      this.#cache.set(key, refreshed);
      const { status, headers, body } = refreshed;
      return new BufferedResponse(new URL(response.url), status, headers, body, 'revalidated');
    }
    if (isStorable(response.status, response.headers)) {
      this.#cache.set(key, newEntry(response.status, response.headers, response.body, policy, this.#now()));
    }
    return response;
  }

  #firstHop(req: HttpRequest): Hop {
    if (this.#closed !== undefined)
      throw new HttpInvalidRequestError('the client is closed; use a new HttpClient');
    let url: URL;
    try {
      url = new URL(req.url);
    } catch (cause) {
      throw new HttpInvalidRequestError(
        'url is not an absolute URL; pass e.g. https://registry.example/v2/',
        cause,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpInvalidRequestError(`url scheme ${url.protocol} is not supported; use http: or https:`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new HttpInvalidRequestError(
        `url ${url.origin}${url.pathname} embeds credentials; pass them in an Authorization header instead`,
      );
    }
    const headers: Record<string, string> = { 'user-agent': this.#userAgent };
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
    return { url, method: req.method ?? 'GET', headers, body: req.body };
  }

  async #following(call: Call, first: Hop, maxRedirects: number): Promise<BufferedResponse> {
    let hop = first;
    for (let redirects = 0; ; redirects++) {
      const response = await this.#retrying(call, hop);
      const next =
        redirects < maxRedirects ? redirectTarget(hop, response.status, response.headers['location']) : null;
      if (next === null) return response;
      hop = next;
    }
  }

  async #retrying(call: Call, hop: Hop): Promise<BufferedResponse> {
    const retryable = IDEMPOTENT_METHODS.has(hop.method);
    for (let attempt = 1; ; attempt++) {
      const canRetry = retryable && attempt < this.#retry.attempts;
      let response: BufferedResponse;
      try {
        response = await this.#exchange(call, hop);
      } catch (error) {
        const failure = toHttpError(error, hop.method, hop.url, call.deadline);
        if (!canRetry || call.deadline.signal.aborted || !(failure instanceof HttpNetworkError))
          throw failure;
        const wait = backoffMs(attempt, this.#retry.baseDelayMs, this.#retry.maxDelayMs);
        if (!this.#fitsDeadline(call, wait)) throw failure;
        await this.#pause(call, hop, wait);
        continue;
      }
      if (
        !canRetry ||
        !RETRYABLE_STATUSES.has(response.status) ||
        call.noRetryOn?.includes(response.status)
      ) {
        return response;
      }
      const wait =
        retryAfterMs(response.headers['retry-after'], this.#now()) ??
        backoffMs(attempt, this.#retry.baseDelayMs, this.#retry.maxDelayMs);
      if (!this.#fitsDeadline(call, wait)) return response;
      await this.#pause(call, hop, wait);
    }
  }

  /** One exchange with the server, inside the host's pause, breaker and concurrency limits. */
  async #exchange(call: Call, hop: Hop): Promise<BufferedResponse> {
    const host = this.#host(hop.url);
    let probe: boolean;
    for (;;) {
      await this.#passBreaker(call, hop, host);
      const blockedFor = host.blockedUntil(this.#now()) - this.#now();
      if (blockedFor > 0) {
        // Paused longer than this call may wait: answer like the server would, without sending.
        if (!this.#fitsDeadline(call, blockedFor)) return hostPausedResponse(hop.url, blockedFor);
        await this.#sleep(blockedFor, call.deadline.signal);
      }
      if (!host.slots.tryAcquire()) await host.slots.acquire(call.deadline.signal);
      // The pause (or the breaker) may have started while this call queued for a slot.
      const admission = host.blockedUntil(this.#now()) === 0 ? host.breaker.admit(this.#now(), true) : null;
      if (admission?.kind === 'send' || admission?.kind === 'probe') {
        probe = admission.kind === 'probe';
        break;
      }
      host.slots.release();
    }
    if (probe) this.#announce(host);
    let status: number;
    let headers: Record<string, string>;
    let body: Uint8Array;
    let outcome: ExchangeOutcome = 'failed';
    const sentAt = performance.now();
    try {
      host.requests++;
      this.#stats.requests++;
      const answer = await this.#agent.request({
        origin: hop.url.origin,
        path: hop.url.pathname + hop.url.search,
        method: hop.method,
        headers: hop.headers,
        body: hop.body ?? null,
        signal: call.deadline.signal,
        // undici closes the connection after every HEAD unless told otherwise, in case a broken
        // server sends a body anyway (nodejs/undici#258; opt-out from #1858). Registries answer
        // thousands of manifest HEADs and do not send HEAD bodies; a server that does breaks only
        // the next request on that connection, which is then retried on a new one.
        ...(hop.method === 'HEAD' ? { reset: false } : {}),
      });
      status = answer.statusCode;
      headers = flattenHeaders(answer.headers);
      body = await readBody(answer.body, {
        method: hop.method,
        url: hop.url,
        status,
        headers,
        limit: call.bodyLimit,
        signal: call.deadline.signal,
      });
      outcome = 'answered';
    } catch (error) {
      outcome = exchangeOutcome(call.deadline, performance.now() - sentAt);
      throw error;
    } finally {
      host.slots.release();
      if (host.breaker.record(outcome, this.#now(), call.deadline.timeoutMs, probe)) this.#announce(host);
    }
    if (host.observe(status, headers, this.#now())) this.#announce(host);
    return new BufferedResponse(hop.url, status, headers, body, 'network');
  }

  /**
   * Refuses the request at once while its host is paused for hanging (host-breaker.ts), and holds it
   * while the host's probe is out; a wait cut short by abort or deadline rejects with the signal's reason.
   */
  async #passBreaker(call: Call, hop: Hop, host: HostState): Promise<void> {
    for (;;) {
      const admission = host.breaker.admit(this.#now(), false);
      if (admission.kind === 'paused') throw new HttpHostPausedError(hop.method, hop.url, admission.state);
      if (admission.kind !== 'wait') return;
      await settledOrAborted(admission.probe, call.deadline.signal);
    }
  }

  /** Waits before a retry, counting it; a wait cut short by abort or deadline becomes the typed error. */
  async #pause(call: Call, hop: Hop, ms: number): Promise<void> {
    this.#stats.retries++;
    try {
      await this.#sleep(ms, call.deadline.signal);
    } catch (error) {
      throw toHttpError(error, hop.method, hop.url, call.deadline);
    }
  }

  #fitsDeadline(call: Call, waitMs: number): boolean {
    return waitMs <= this.#retry.maxDelayMs && this.#now() + waitMs < call.deadlineAt;
  }

  #host(url: URL): HostState {
    let host = this.#hosts.get(url.origin);
    if (host === undefined) {
      host = new HostState(url.host, this.#concurrency, this.#breaker);
      this.#hosts.set(url.origin, host);
    }
    return host;
  }

  #announce(host: HostState): void {
    if (this.#listeners.size === 0) return;
    const budget = host.budget(this.#now());
    for (const listener of this.#listeners) {
      try {
        listener(budget);
      } catch (error) {
        // A faulty listener (UI code) must not fail the request that happened to change the budget.
        process.emitWarning(`HTTP budget listener failed: ${String(error)}`);
      }
    }
  }
}

function positiveInteger(option: string, value: number): number {
  if (Number.isInteger(value) && value > 0) return value;
  throw new RangeError(`HttpClient option ${option} must be a positive integer, got ${value}`);
}

/** A 429 made up by the client for a host that is paused beyond the caller's deadline (docs/http.md). */
function hostPausedResponse(url: URL, waitMs: number): BufferedResponse {
  const headers = { 'retry-after': String(Math.ceil(waitMs / 1000)), 'x-cupdate-host-paused': 'true' };
  return new BufferedResponse(url, 429, headers, new Uint8Array(0), 'network');
}

/** undici gives repeated headers as arrays; the contract joins them with ", " (RFC 9110 §5.3). */
function flattenHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return headers;
}
