// A fake OCI registry (node:http on 127.0.0.1, random port) speaking the distribution API for what
// distribution 2.8 cannot show: tag pagination with `Link` (relative like distribution v3 and GHCR,
// absolute like Docker Hub), 429 with Retry-After, HTML and truncated answers, a server that hangs,
// endless or oversized answers, connections reset mid-answer, a wrong Docker-Content-Digest, and
// blob GETs redirected to another origin (a second server that records whether an Authorization
// header reached it, and can refuse them like an S3 bucket or a CDN asking for its own login).
// Tests that use it say "fake registry".
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour =
  | 'normal'
  /** Every /v2/<name>/ request answers 429 TOOMANYREQUESTS with Retry-After. */
  | 'rate-limited'
  /** Every request answers 200 with an HTML login page (a captive portal or a web server). */
  | 'html'
  /** JSON answers are cut off in the middle. */
  | 'truncated'
  /** JSON answers are replaced by bytes that are not JSON. */
  | 'garbage'
  /** Requests are accepted and never answered. */
  | 'hang'
  /**
   * Tag lists and manifests are a body that never ends (no Content-Length; `streamedBodyBytes`
   * makes it a finite, valid tag list), sent as fast as the client reads it.
   */
  | 'endless'
  /** Like 'endless', but announcing a Content-Length of 300 MB first. */
  | 'oversized'
  /** Tag lists and manifests send half their body, then the connection is reset (TCP RST). */
  | 'reset';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

interface StoredManifest {
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly digest: string;
}

export interface FakeRegistryOptions {
  /** Tags per page of /tags/list; the rest are behind `Link: <…>; rel="next"`. Default: all on one page. */
  readonly pageSize?: number;
  readonly linkStyle?: 'relative' | 'absolute';
  readonly retryAfterSeconds?: number;
  /** Demand Basic auth with these credentials (401 + WWW-Authenticate: Basic otherwise). */
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Answer blob GETs with a 307 to another origin that serves the blob. */
  readonly redirectBlobs?: boolean;
}

export interface FakeRegistry {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** 127.0.0.1:PORT, as in image references. */
  readonly host: string;
  /** Every request that reached the registry, in order. */
  readonly requests: RecordedRequest[];
  /** Every request that reached the blob origin (after a redirect). */
  readonly blobOriginRequests: RecordedRequest[];
  /** 127.0.0.1:PORT of the origin blob GETs are redirected to. */
  readonly blobHost: string;
  behaviour: FakeBehaviour;
  /** Makes the manifest answers carry this Docker-Content-Digest instead of the true one. */
  lieAboutDigest: string | undefined;
  /** Where an 'endless' answer ends (a valid tag list of about that many bytes); default never. */
  streamedBodyBytes: number;
  /** Body bytes the 'endless'/'oversized' answers have written so far (what the client took in). */
  readonly bytesStreamed: number;
  /**
   * The blob origin refuses blob GETs: 401 with a Bearer challenge whose realm is the blob origin's
   * own /token (where a client that answered it would send the registry's credentials), or 403
   * with an S3 AccessDenied document (an expired pre-signed URL).
   */
  blobOriginRefuses: 401 | 403 | undefined;
  setTags(repository: string, tags: readonly string[]): void;
  /** Stores a manifest under its digest and, when given, a tag; returns the digest. */
  putManifest(repository: string, mediaType: string, document: object, tag?: string): string;
  /** Stores a blob; returns its digest. */
  putBlob(bytes: Buffer): string;
  stop(): Promise<void>;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The answers 'endless', 'oversized' and 'reset' spoil: tag lists and manifests. */
const JSON_ANSWER = /\/(tags\/list|manifests\/[^/]+)$/;

function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ code, message, detail: null }] });
}

export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const tags = new Map<string, readonly string[]>();
  const manifests = new Map<string, Map<string, StoredManifest>>();
  const blobs = new Map<string, Buffer>();
  const requests: RecordedRequest[] = [];
  let streamed = 0;
  const blobOriginRequests: RecordedRequest[] = [];

  const blobOrigin = createServer((req, res) => {
    blobOriginRequests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    });
    if (fake.blobOriginRefuses === 401) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="http://${blobHost}/token",service="cdn"`,
      });
      return void res.end(errorBody('UNAUTHORIZED', 'authentication required'));
    }
    if (fake.blobOriginRefuses === 403) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      return void res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
      );
    }
    const blob = blobs.get((req.url ?? '').slice(1));
    if (blob === undefined) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': blob.length })
      .end(blob);
  });
  const blobHost = await listen(blobOrigin);

  const expectedAuthorization =
    options.basicAuth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;

  function sendJson(
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void {
    const shaped =
      fake.behaviour === 'truncated'
        ? body.slice(0, Math.max(1, Math.floor(body.length / 2)))
        : fake.behaviour === 'garbage'
          ? '\u0000\u00ffnot json{{'
          : body;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(shaped);
  }

  /** A tag list streamed as fast as the client reads it (each write waits for 'drain'). */
  function sendEndless(res: ServerResponse, announced: number | null): void {
    const end = announced ?? fake.streamedBodyBytes;
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(announced === null ? {} : { 'content-length': String(announced) }),
    });
    let written = 0;
    let next = 0;
    const write = (chunk: string): boolean => {
      written += chunk.length;
      streamed += chunk.length;
      return res.write(chunk);
    };
    write('{"name":"endless","tags":["0"');
    const pump = (): void => {
      while (!res.destroyed) {
        const tags = Array.from({ length: 500 }, () => `,"1.${next++}.0"`).join('');
        if (written + tags.length + 2 >= end) {
          // The rest up to exactly `end` bytes, then the closing brackets: a valid document.
          const room = Math.max(0, end - written - 2);
          write(' '.repeat(room));
          return void res.end(']}', () => (streamed += 2));
        }
        if (!write(tags)) return void res.once('drain', pump);
      }
    };
    pump();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${host}`);
    requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    if (fake.behaviour === 'hang') return; // never answered; stop() closes the socket
    const jsonAnswer = JSON_ANSWER.test(url.pathname) && req.method === 'GET';
    if (fake.behaviour === 'reset' && jsonAnswer) {
      const body = JSON.stringify({ name: 'reset', tags: Array.from({ length: 400 }, (_, i) => `1.${i}.0`) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      // A moment for the client to read the headers and half the body: an RST makes the kernel
      // drop what the client has not read yet.
      return void res.write(body.slice(0, body.length / 2), () =>
        setTimeout(() => req.socket.resetAndDestroy(), 20),
      );
    }
    const endless = fake.behaviour === 'endless' || fake.behaviour === 'oversized';
    if (endless && jsonAnswer) {
      return sendEndless(res, fake.behaviour === 'oversized' ? 300_000_000 : null);
    }
    if (fake.behaviour === 'html') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><body>Please log in</body></html>');
      return;
    }
    res.setHeader('docker-distribution-api-version', 'registry/2.0');
    if (expectedAuthorization !== undefined && req.headers.authorization !== expectedAuthorization) {
      res.setHeader('www-authenticate', 'Basic realm="fake-registry"');
      return sendJson(res, 401, errorBody('UNAUTHORIZED', 'authentication required'));
    }
    if (url.pathname === '/v2/') return sendJson(res, 200, '{}');
    if (fake.behaviour === 'rate-limited') {
      return sendJson(res, 429, errorBody('TOOMANYREQUESTS', 'slow down'), {
        'retry-after': String(options.retryAfterSeconds ?? 3600),
      });
    }
    const route = /^\/v2\/(.+)\/(tags\/list|manifests\/[^/]+|blobs\/[^/]+)$/.exec(url.pathname);
    if (route === null)
      return sendJson(res, 404, errorBody('NAME_UNKNOWN', 'repository name not known to registry'));
    const [, repository = '', resource = ''] = route;
    if (resource === 'tags/list') return listTags(url, repository, res);
    if (resource.startsWith('manifests/'))
      return getManifest(req, res, repository, resource.slice('manifests/'.length));
    return getBlob(res, resource.slice('blobs/'.length));
  }

  function listTags(url: URL, repository: string, res: ServerResponse): void {
    const all = tags.get(repository);
    if (all === undefined)
      return sendJson(res, 404, errorBody('NAME_UNKNOWN', 'repository name not known to registry'));
    const last = url.searchParams.get('last');
    const start = last === null ? 0 : all.indexOf(last) + 1;
    const size = Number(url.searchParams.get('n') ?? options.pageSize ?? all.length);
    const page = all.slice(start, start + size);
    const headers: Record<string, string> = {};
    if (start + size < all.length) {
      const next = `/v2/${repository}/tags/list?n=${size}&last=${encodeURIComponent(page.at(-1) ?? '')}`;
      headers.link = `<${options.linkStyle === 'absolute' ? `http://${host}${next}` : next}>; rel="next"`;
    }
    sendJson(res, 200, JSON.stringify({ name: repository, tags: page }), headers);
  }

  function getManifest(
    req: IncomingMessage,
    res: ServerResponse,
    repository: string,
    reference: string,
  ): void {
    const manifest = manifests.get(repository)?.get(reference);
    if (manifest === undefined) return sendJson(res, 404, errorBody('MANIFEST_UNKNOWN', 'manifest unknown'));
    const headers = {
      'content-type': manifest.mediaType,
      'docker-content-digest': fake.lieAboutDigest ?? manifest.digest,
      'content-length': String(manifest.bytes.length),
    };
    if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
    if (fake.behaviour !== 'normal') {
      const { 'content-length': _length, ...unsized } = headers;
      return sendJson(res, 200, manifest.bytes.toString('utf8'), unsized);
    }
    res.writeHead(200, headers).end(manifest.bytes);
  }

  function getBlob(res: ServerResponse, digest: string): void {
    const blob = blobs.get(digest);
    if (blob === undefined) return sendJson(res, 404, errorBody('BLOB_UNKNOWN', 'blob unknown to registry'));
    if (options.redirectBlobs)
      return void res.writeHead(307, { location: `http://${blobHost}/${digest}` }).end();
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'docker-content-digest': digest })
      .end(blob);
  }

  const server = createServer(handle);
  const host = await listen(server);
  const fake: FakeRegistry = {
    url: `http://${host}`,
    host,
    requests,
    blobOriginRequests,
    blobHost,
    behaviour: 'normal',
    lieAboutDigest: undefined,
    streamedBodyBytes: Number.POSITIVE_INFINITY,
    blobOriginRefuses: undefined,
    get bytesStreamed() {
      return streamed;
    },
    setTags(repository, list) {
      tags.set(repository, [...list]);
    },
    putManifest(repository, mediaType, document, tag) {
      const bytes = Buffer.from(JSON.stringify(document));
      const stored = { mediaType, bytes, digest: sha256(bytes) };
      const byReference = manifests.get(repository) ?? new Map<string, StoredManifest>();
      manifests.set(repository, byReference);
      byReference.set(stored.digest, stored);
      if (tag !== undefined) byReference.set(tag, stored);
      return stored.digest;
    },
    putBlob(bytes) {
      const digest = sha256(bytes);
      blobs.set(digest, bytes);
      return digest;
    },
    async stop() {
      for (const each of [server, blobOrigin]) {
        each.closeAllConnections();
        each.close();
        await once(each, 'close');
      }
    },
  };
  return fake;
}
