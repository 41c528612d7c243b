// A fake OSV.dev API (node:http on 127.0.0.1, random port) built from the documented shapes
// (google.github.io/osv.dev/post-v1-querybatch, get-v1-vulns; records per ossf.github.io/osv-schema):
// POST /v1/querybatch answers `{"results":[{"vulns":[{"id","modified"}],"next_page_token"?}]}` in
// query order, `pageSize` vulns per page; GET /v1/vulns/{id} answers the record with an ETag and a
// 304 to a matching If-None-Match. Errors use the API's grpc-gateway shape `{"code","message"}`.
// Version matching is the fake's own simplification: numeric dotted versions against ECOSYSTEM /
// SEMVER ranges (`introduced`/`fixed`), packages matched by name (and ecosystem prefix).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalHttpServer } from '../../internal/http/testing/local-http-server.js';

export interface OsvRange {
  readonly type: 'ECOSYSTEM' | 'SEMVER';
  readonly events: readonly ({ readonly introduced: string } | { readonly fixed: string })[];
}

/** The osv-schema fields the fake serves and matches on; `extra` is sent as is. */
export interface OsvRecord {
  readonly id: string;
  readonly modified: string;
  readonly summary?: string;
  readonly details?: string;
  readonly aliases?: readonly string[];
  readonly severity?: readonly { readonly type: string; readonly score: string }[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
  readonly affected: readonly {
    readonly package: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
    readonly ranges: readonly OsvRange[];
  }[];
}

export type FakeOsvBehaviour =
  | 'normal'
  /** 429 with Retry-After, as OSV's frontend answers a client over quota. */
  | 'rate-limited'
  /** 403 with GitHub-style `x-ratelimit-*` headers (remaining 0, reset in epoch seconds). */
  | 'forbidden-with-reset'
  /** 200 with bytes that are not JSON. */
  | 'garbage';

export interface RecordedOsvRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

export interface FakeOsv {
  /** http://127.0.0.1:PORT, the `osv` endpoint. */
  readonly origin: string;
  readonly requests: RecordedOsvRequest[];
  behaviour: FakeOsvBehaviour;
  /** Seconds in Retry-After / until x-ratelimit-reset. */
  retryAfterSeconds: number;
  stop(): Promise<void>;
}

export interface FakeOsvOptions {
  /** Vulns per result page; the rest are behind `next_page_token`. Default: all on one page. */
  readonly pageSize?: number;
}

const MAX_QUERIES = 1_000;

export async function startFakeOsv(
  records: readonly OsvRecord[],
  options: FakeOsvOptions = {},
): Promise<FakeOsv> {
  const requests: RecordedOsvRequest[] = [];
  const fake: FakeOsv = {
    origin: '',
    requests,
    behaviour: 'normal',
    retryAfterSeconds: 120,
    stop: async () => server.close(),
  };
  const server = await startLocalHttpServer((req, res) => {
    void readBody(req).then((text) => {
      const body = parseOrText(text);
      const status = answer(fake, records, options, req, res, body);
      requests.push({ method: req.method ?? '', path: req.url ?? '', body, status });
    });
  });
  return Object.assign(fake, { origin: server.origin });
}

function answer(
  fake: FakeOsv,
  records: readonly OsvRecord[],
  options: FakeOsvOptions,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): number {
  switch (fake.behaviour) {
    case 'rate-limited':
      return json(
        res,
        429,
        { code: 8, message: 'Quota exceeded.' },
        { 'retry-after': String(fake.retryAfterSeconds) },
      );
    case 'forbidden-with-reset':
      return json(
        res,
        403,
        { message: 'API rate limit exceeded' },
        {
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + fake.retryAfterSeconds),
        },
      );
    case 'garbage':
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>\u0000 not json');
      return 200;
    case 'normal':
      break;
  }
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  if (req.method === 'POST' && path === '/v1/querybatch') return queryBatch(res, records, options, body);
  const id = /^\/v1\/vulns\/([^/]+)$/.exec(path)?.[1];
  const record = id === undefined ? undefined : records.find((r) => r.id === decodeURIComponent(id));
  if (req.method === 'GET' && record !== undefined) {
    const text = JSON.stringify(record);
    const etag = `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return 304;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(text);
    return 200;
  }
  return json(res, 404, { code: 5, message: 'Bug not found.' });
}

interface Query {
  readonly package?: { readonly purl?: string; readonly name?: string; readonly ecosystem?: string };
  readonly version?: string;
  readonly page_token?: string;
}

function queryBatch(
  res: ServerResponse,
  records: readonly OsvRecord[],
  options: FakeOsvOptions,
  body: unknown,
): number {
  const queries = (body as { queries?: unknown } | null)?.queries;
  if (!Array.isArray(queries)) return json(res, 400, { code: 3, message: 'Invalid query.' });
  if (queries.length > MAX_QUERIES) return json(res, 400, { code: 3, message: 'Too many queries.' });
  const results = [];
  for (const query of queries as Query[]) {
    const wanted = target(query);
    if (wanted === null) return json(res, 400, { code: 3, message: 'Invalid query.' });
    const matches = records.filter((record) => affects(record, wanted));
    const offset = Number(query.page_token ?? 0);
    const size = options.pageSize ?? matches.length;
    const page = matches.slice(offset, offset + size);
    const more = offset + size < matches.length;
    results.push({
      ...(page.length === 0 ? {} : { vulns: page.map((r) => ({ id: r.id, modified: r.modified })) }),
      ...(more ? { next_page_token: String(offset + size) } : {}),
    });
  }
  return json(res, 200, { results });
}

interface Target {
  readonly name: string;
  readonly ecosystem: string | null;
  readonly version: string;
}

/** The documented rule: a versioned purl, or name + ecosystem + version; never both versions. */
function target(query: Query): Target | null {
  const purl = query.package?.purl;
  if (purl !== undefined) {
    const match = /^pkg:[^/]+\/(?:[^@?#]*\/)?([^/@?#]+)@([^?#]+)/.exec(purl);
    if (match === null || query.version !== undefined) return null;
    return { name: decodeURIComponent(match[1]!), ecosystem: null, version: decodeURIComponent(match[2]!) };
  }
  const { name, ecosystem } = query.package ?? {};
  if (name === undefined || ecosystem === undefined || query.version === undefined) return null;
  return { name, ecosystem, version: query.version };
}

function affects(record: OsvRecord, wanted: Target): boolean {
  return record.affected.some(
    (entry) =>
      entry.package.name === wanted.name &&
      (wanted.ecosystem === null || entry.package.ecosystem.startsWith(wanted.ecosystem)) &&
      entry.ranges.some((range) => inRange(range, wanted.version)),
  );
}

function inRange(range: OsvRange, version: string): boolean {
  let affected = false;
  for (const event of range.events) {
    if (
      'introduced' in event &&
      (event.introduced === '0' || compareDotted(version, event.introduced) >= 0)
    ) {
      affected = true;
    }
    if ('fixed' in event && compareDotted(version, event.fixed) >= 0) affected = false;
  }
  return affected;
}

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  return status;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseOrText(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
