// The OSV.dev source: which known vulnerabilities affect an image's packages (from its SBOM).
// API: google.github.io/osv.dev/post-v1-querybatch (ids only, results in query order, at most
// 1,000 queries a call, `next_page_token` per result) and get-v1-vulns (the full record,
// ossf.github.io/osv-schema). docs/sources.md "OSV" describes inputs and outputs.
import { HttpError } from '../http/errors.js';
import { readRateLimit } from '../http/rate-limit-headers.js';
import type { HttpRequest, HttpResponse } from '../http/types.js';
import { isRecord } from '../oci/manifest.js';
import type { Severity } from '../model/image.js';
import { compare, isValid } from '../version/docker.js';
import { isVersionedPurl } from './attestations/purl.js';
import type { SbomPackage } from './attestations/types.js';
import { SourceError, type Enrichment, type SourceContext, type Vulnerability } from './types.js';

export interface OsvVulnerability extends Vulnerability {
  /** Other ids of the same advisory (CVE-…, GHSA-…), for matching across databases. */
  readonly aliases: readonly string[];
  /** `name@version` of each queried package it affects. */
  readonly packages: readonly string[];
}

export interface OsvEnrichment extends Enrichment {
  /** Most severe first, then by id. */
  readonly vulnerabilities: readonly OsvVulnerability[];
  /** `vulnerability:<severity>` of the most severe one; none when nothing is known. */
  readonly tags: readonly string[];
}

const SOURCE = 'osv';
const BATCH_SIZE = 1_000;
const MAX_PAGES = 100;
// A published advisory changes rarely; after a day it is revalidated (ETag) rather than refetched.
const DETAIL_TTL_MS = 24 * 60 * 60_000;
const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

type Query =
  { package: { purl: string } } | { package: { name: string; ecosystem: string }; version: string };

interface Queried {
  readonly label: string;
  readonly name: string;
  readonly version: string | null;
  readonly query: Query;
}

/**
 * Known vulnerabilities of `packages`. Packages OSV cannot be asked about without listing every
 * advisory ever (no version, or neither a purl nor an ecosystem) are left out.
 */
export async function fetchOsvVulnerabilities(
  ctx: SourceContext,
  packages: readonly SbomPackage[],
): Promise<OsvEnrichment> {
  const queried = packages.flatMap(toQueried);
  const hits = new Map<string, Queried[]>();
  for (let start = 0; start < queried.length; start += BATCH_SIZE) {
    const chunk = queried.slice(start, start + BATCH_SIZE);
    const ids = await queryBatch(
      ctx,
      chunk.map((entry) => entry.query),
    );
    ids.forEach((list, i) => {
      for (const id of list) hits.set(id, [...(hits.get(id) ?? []), chunk[i]!]);
    });
  }
  const vulnerabilities = await Promise.all(
    [...hits].map(([id, affected]) => vulnerabilityDetails(ctx, id, affected)),
  );
  vulnerabilities.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (a.id < b.id ? -1 : 1),
  );
  const worst = vulnerabilities[0]?.severity;
  return { vulnerabilities, tags: worst === undefined ? [] : [`vulnerability:${worst}`] };
}

function toQueried(entry: SbomPackage): Queried[] {
  const label = `${entry.name}@${entry.version ?? '?'}`;
  if (entry.purl !== null && isVersionedPurl(entry.purl)) {
    return [{ label, name: entry.name, version: entry.version, query: { package: { purl: entry.purl } } }];
  }
  if (entry.version === null || entry.ecosystem === null) return [];
  return [
    {
      label,
      name: entry.name,
      version: entry.version,
      query: { package: { name: entry.name, ecosystem: entry.ecosystem }, version: entry.version },
    },
  ];
}

/** The vulnerability ids of each query, in query order, following every `next_page_token`. */
async function queryBatch(ctx: SourceContext, queries: readonly Query[]): Promise<string[][]> {
  const ids = queries.map((): string[] => []);
  let pending = queries.map((query, index) => ({ index, query: query as Query & { page_token?: string } }));
  for (let page = 0; pending.length > 0; page++) {
    if (page === MAX_PAGES)
      throw new SourceError(SOURCE, `failed: OSV paging did not end after ${MAX_PAGES} pages`);
    const url = `${ctx.endpoints.osv}/v1/querybatch`;
    const body = await send(ctx, {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: pending.map((entry) => entry.query) }),
    });
    const results = isRecord(body) && Array.isArray(body.results) ? body.results : null;
    if (results === null || results.length !== pending.length) {
      throw new SourceError(
        SOURCE,
        `failed: ${url} answered ${results?.length ?? 'no'} results for ${pending.length} queries`,
      );
    }
    const next: typeof pending = [];
    results.forEach((result, i) => {
      const entry = pending[i]!;
      const vulns = isRecord(result) && Array.isArray(result.vulns) ? result.vulns : [];
      for (const vuln of vulns)
        if (isRecord(vuln) && typeof vuln.id === 'string') ids[entry.index]!.push(vuln.id);
      const token = isRecord(result) ? result.next_page_token : undefined;
      if (typeof token === 'string' && token !== '') {
        next.push({ index: entry.index, query: { ...entry.query, page_token: token } });
      }
    });
    pending = next;
  }
  return ids;
}

async function vulnerabilityDetails(
  ctx: SourceContext,
  id: string,
  affected: readonly Queried[],
): Promise<OsvVulnerability> {
  const packages = affected.map((entry) => entry.label);
  const record = await send(ctx, {
    url: `${ctx.endpoints.osv}/v1/vulns/${encodeURIComponent(id)}`,
    cache: { ttlMs: DETAIL_TTL_MS },
  });
  // 404: withdrawn between the two calls; the batch said it applies, so it is kept, unknown.
  if (record === null)
    return { id, severity: 'unknown', summary: '', fixedIn: null, source: SOURCE, aliases: [], packages };
  const details = isRecord(record) ? record : {};
  return {
    id,
    severity: severityOf(details),
    summary: text(details.summary) ?? text(details.details)?.split('\n')[0] ?? '',
    fixedIn: fixedVersion(details, affected),
    source: SOURCE,
    aliases: Array.isArray(details.aliases)
      ? details.aliases.filter((a): a is string => typeof a === 'string')
      : [],
    packages,
  };
}

/** The parsed JSON of a 2xx answer; null for a GET answered 404; SourceError for anything else. */
async function send(ctx: SourceContext, request: HttpRequest): Promise<unknown> {
  let response: HttpResponse;
  try {
    response = await ctx.http.request({
      ...request,
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    });
    if (response.status === 404 && request.method === undefined) return null;
    // GitHub-style APIs answer a spent budget with 403 and reset headers; OSV itself with 429.
    if (response.status === 429 || (response.status === 403 && resetAt(response) !== null)) {
      throw rateLimited(response);
    }
    if (response.status < 200 || response.status > 299) {
      throw new SourceError(SOURCE, `failed: ${describe(request.url)} answered ${response.status}`);
    }
    return response.json();
  } catch (error) {
    if (error instanceof HttpError)
      throw new SourceError(SOURCE, `failed: ${error.message}`, { cause: error });
    throw error;
  }
}

function rateLimited(response: HttpResponse): SourceError {
  const at = resetAt(response);
  const when = at === null ? 'at an unknown time' : `at ${new Date(at).toISOString()}`;
  return new SourceError(SOURCE, `failed: OSV rate limit reached (${response.status}), resets ${when}`);
}

/** When the limit resets, epoch ms: Retry-After (seconds), else the rate-limit headers. */
function resetAt(response: HttpResponse): number | null {
  const now = Date.now();
  const retryAfter = response.headers['retry-after'];
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) return now + Number(retryAfter) * 1000;
  return readRateLimit(response.headers, now)?.resetAt ?? null;
}

function describe(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * The advisory's own rating (`database_specific.severity`, GitHub's CRITICAL/HIGH/MODERATE/LOW),
 * else the worst CVSS v3 base score among `severity[]`. CVSS v2 and v4 vectors are not scored.
 */
function severityOf(details: Record<string, unknown>): Severity {
  const stated = isRecord(details.database_specific) ? levelOfWord(details.database_specific.severity) : null;
  if (stated !== null) return stated;
  const scored = (Array.isArray(details.severity) ? details.severity : [])
    .filter(isRecord)
    .filter((entry) => entry.type === 'CVSS_V3' && typeof entry.score === 'string')
    .map((entry) => cvss3BaseScore(entry.score as string))
    .filter((score): score is number => score !== null);
  return scored.length === 0 ? 'unknown' : levelOfScore(Math.max(...scored));
}

function levelOfWord(value: unknown): Severity | null {
  switch (typeof value === 'string' ? value.toUpperCase() : '') {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return null;
  }
}

/** CVSS v3.x qualitative rating scale (specification §5). */
function levelOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

// CVSS v3.1 base metric weights (first.org/cvss/v3.1/specification-document §7.4).
const WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};
const PRIVILEGES: Readonly<Record<string, readonly [unchanged: number, changed: number]>> = {
  N: [0.85, 0.85],
  L: [0.62, 0.68],
  H: [0.27, 0.5],
};

/** `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` → 9.8; null for anything else. */
export function cvss3BaseScore(vector: string): number | null {
  if (!/^CVSS:3\.[01]\//.test(vector)) return null;
  const m = Object.fromEntries(
    vector
      .split('/')
      .slice(1)
      .map((part) => part.split(':') as [string, string]),
  );
  const weight = (metric: string) => WEIGHTS[metric]?.[m[metric] ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(weight);
  const changed = m.S === 'C';
  const pr = PRIVILEGES[m.PR ?? '']?.[changed ? 1 : 0];
  if (av === undefined || ac === undefined || ui === undefined || pr === undefined) return null;
  if (c === undefined || i === undefined || a === undefined || (m.S !== 'U' && !changed)) return null;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** CVSS v3.1 Roundup (Appendix A): the smallest one-decimal number ≥ x, free of float error. */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/**
 * The version that fixes it for the queried package: of the `fixed` events in the affected ranges
 * of that package, the lowest above the running version (the docker version order; ecosystems'
 * own orders differ in corners), else the first one; null when no fix is published.
 */
function fixedVersion(details: Record<string, unknown>, queried: readonly Queried[]): string | null {
  const names = new Set(queried.map((entry) => entry.name.toLowerCase()));
  const fixes = (Array.isArray(details.affected) ? details.affected : [])
    .filter(isRecord)
    .filter((entry) => isRecord(entry.package) && names.has(String(entry.package.name).toLowerCase()))
    .flatMap((entry) => (Array.isArray(entry.ranges) ? entry.ranges : []))
    .filter(isRecord)
    .flatMap((range) => (Array.isArray(range.events) ? range.events : []))
    .filter(isRecord)
    .map((event) => event.fixed)
    .filter((fixed): fixed is string => typeof fixed === 'string');
  const version = queried.find((entry) => entry.version !== null && isValid(entry.version))?.version;
  const above =
    version === undefined || version === null
      ? []
      : fixes.filter((fix) => isValid(fix) && compare(fix, version) > 0).sort(compare);
  return above[0] ?? fixes[0] ?? null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
