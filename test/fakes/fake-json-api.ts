// The part every fake source API shares (fake Docker Hub, fake Quay, fake GitLab): a node:http
// server on 127.0.0.1 at a random port that answers JSON routes with a strong ETag and a 304 to a
// matching If-None-Match (RFC 9110 §13.1.2), records each request, and can be switched to answer
// every request with a rate limit, garbage or an HTML page.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { HttpClient } from '../../internal/http/client.js';
import { startLocalHttpServer } from '../../internal/http/testing/local-http-server.js';
import { ManualClock } from '../../internal/http/testing/manual-clock.js';
import { defaultEndpoints, type SourceContext, type SourceEndpoints } from '../../internal/sources/types.js';

export type FakeApiBehaviour =
  | 'normal'
  /** Every request answers the API's own rate-limit response (status and headers from the fake). */
  | 'rate-limited'
  /** Every request answers 200 with bytes that are not JSON. */
  | 'garbage'
  /** Every request answers 200 with JSON of the wrong shape (`{"unexpected": true}`). */
  | 'wrong-shape';

export interface RecordedApiRequest {
  /** Path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** What the fake answered. */
  readonly status: number;
}

/** A route's answer; `undefined` from a route means 404. */
export interface ApiAnswer {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RateLimitAnswer {
  readonly status: 403 | 429;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface FakeJsonApi {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly requests: RecordedApiRequest[];
  behaviour: FakeApiBehaviour;
  stop(): Promise<void>;
}

export async function startFakeJsonApi(
  route: (url: URL, headers: IncomingHttpHeaders) => ApiAnswer | undefined,
  rateLimit: () => RateLimitAnswer,
  notFoundBody: unknown,
): Promise<FakeJsonApi> {
  const requests: RecordedApiRequest[] = [];
  const api: FakeJsonApi = {
    origin: '',
    requests,
    behaviour: 'normal',
    stop: async () => server.close(),
  };
  const server = await startLocalHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const answer = answerFor(api.behaviour, () => route(url, req.headers), rateLimit, notFoundBody);
    const status = send(res, answer, req.headers['if-none-match']);
    requests.push({ url: `${url.pathname}${url.search}`, headers: req.headers, status });
  });
  return Object.assign(api, { origin: server.origin });
}

function answerFor(
  behaviour: FakeApiBehaviour,
  route: () => ApiAnswer | undefined,
  rateLimit: () => RateLimitAnswer,
  notFoundBody: unknown,
): ApiAnswer | { readonly raw: string } {
  switch (behaviour) {
    case 'rate-limited':
      return rateLimit();
    case 'garbage':
      return { raw: '\u0000\u0001 not json {' };
    case 'wrong-shape':
      return { body: { unexpected: true } };
    case 'normal':
      return route() ?? { status: 404, body: notFoundBody };
  }
}

function send(
  res: ServerResponse,
  answer: ApiAnswer | { readonly raw: string },
  ifNoneMatch?: string,
): number {
  if ('raw' in answer) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer.raw);
    return 200;
  }
  const body = JSON.stringify(answer.body);
  const status = answer.status ?? 200;
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  if (status === 200 && ifNoneMatch === etag) {
    res.writeHead(304, { etag }).end();
    return 304;
  }
  res.writeHead(status, { 'content-type': 'application/json', etag, ...answer.headers }).end(body);
  return status;
}

/**
 * A source context whose endpoints point at fakes, with a fresh HTTP client (so no cached answer or
 * paused host leaks between tests) on a manual clock that jumps over the client's waits: advance
 * it past a TTL to see revalidation. Close `ctx.http` after the test.
 */
export function fakeSourceContext(endpoints: Partial<SourceEndpoints>): {
  ctx: SourceContext;
  clock: ManualClock;
} {
  const clock = new ManualClock({ start: Date.now(), autoAdvance: true });
  const http = new HttpClient({ now: clock.now, sleep: clock.sleep });
  return { ctx: { http, endpoints: { ...defaultEndpoints, ...endpoints } }, clock };
}
