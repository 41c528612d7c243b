// The `serve` host end to end: a real App over a static list whose images live in the real test
// registry (Debian docker-registry, test/peers), behind the real HTTP server, read by a plain
// HTTP/SSE client.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvents, RecentUpdateView, Snapshot } from '../../internal/api/contract.js';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session } from '../../internal/api/session.js';
import { MAX_BODY_BYTES } from '../../internal/serve/api-route.js';
import { CONTENT_SECURITY_POLICY } from '../../internal/serve/security-headers.js';
import { startServe, type ServeHandle } from '../../internal/serve/server.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { bearer, rawRequest, readEvents } from './http-peer.js';
import { until } from './until.js';

const unavailable = registryAvailable('none');

describe.skipIf(unavailable !== null)(`serve over a real app and registry (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'none' });
  let dir: string;
  let list: string;
  let session: Session;
  let server: ServeHandle;
  const post = (method: string, body: string, headers: Record<string, string> = {}) =>
    rawRequest(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', ...bearer(server.token), ...headers },
      body,
    });
  /** A GET with the token (test/serve/access.test.ts covers requests without it). */
  const get = (path: string, headers: Record<string, string> = {}) =>
    rawRequest(server.port, { path, headers: { ...bearer(server.token), ...headers } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-serve-'));
    list = join(dir, 'images.txt');
    await writeFile(list, `${registry.peer.host}/fixtures/single-docker:1.24\n`);
    const dist = join(dir, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>cupdate</title>');
    await writeFile(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET');
    session = await openSession({
      dataDir: join(dir, 'data'),
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'none') }, homeDir: dir },
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [list] },
      app: { minimumAgeMs: 0 },
      events: { patchWindowMs: 20, summaryIntervalMs: 50 },
    });
    server = await startServe({ session, port: 0, staticDir: dist, heartbeatMs: 100 });
  });
  afterAll(async () => {
    await server?.stop();
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the patches that follow a snapshot, numbered from its sequence, with checks and summaries', async () => {
    const reader = await readEvents(server.port, bearer(server.token));
    await until(() => session.platforms()[0]?.status.state === 'live', 'the list platform going live');
    const answer = await post('snapshot', '{}');
    expect(answer.status).toBe(200);
    const snapshot = JSON.parse(answer.body) as Snapshot;
    expect(snapshot.graph.nodes.filter((node) => node.kind === 'image')).toHaveLength(1);

    const added = `${registry.peer.host}/fixtures/multi-docker:3.20`;
    await writeFile(list, `${registry.peer.host}/fixtures/single-docker:1.24\n${added}\n`);
    const after = () =>
      reader.events.filter(
        (e) => e.event === 'graph-patch' && (e.data as ApiEvents['graph-patch']).sequence > snapshot.sequence,
      );
    await until(() => after().length > 0, 'a graph-patch after the snapshot');
    await until(
      () =>
        reader.events.some(
          (e) => e.event === 'image-updated' && (e.data as { reference: string }).reference === added,
        ),
      'the added image checked',
    );
    const patches = after().map((e) => e.data as ApiEvents['graph-patch']);
    expect(patches.map((p) => p.sequence)).toEqual(patches.map((_, index) => snapshot.sequence + 1 + index));
    expect(after().map((e) => e.id)).toEqual(patches.map((p) => String(p.sequence)));
    expect(patches.flatMap((p) => p.patches)).toContainEqual(
      expect.objectContaining({
        op: 'add-node',
        node: expect.objectContaining({ kind: 'image', reference: expect.stringContaining(added) }),
      }),
    );
    await until(
      () => reader.events.some((e) => e.event === 'summary' && (e.data as { total: number }).total === 2),
      'a summary of 2 images',
    );
    expect(reader.events.some((e) => e.event === 'progress')).toBe(true);
    // A page loaded now learns both images' updates from the snapshot, not from past events.
    const later = JSON.parse((await post('snapshot', '{}')).body) as Snapshot;
    expect(later.images).toEqual(
      expect.arrayContaining([
        { reference: `${registry.peer.host}/fixtures/single-docker:1.24`, kind: 'minor', error: null },
        { reference: added, kind: 'none', error: null },
      ]),
    );
    // The dashboard's findings come from the history, so they survive a reload of the page.
    const recent = JSON.parse((await post('recentUpdates', '{"limit":5}')).body) as RecentUpdateView[];
    expect(recent).toContainEqual(
      expect.objectContaining({
        reference: `${registry.peer.host}/fixtures/single-docker:1.24`,
        kind: 'minor',
        latestReference: `${registry.peer.host}/fixtures/single-docker:1.26`,
      }),
    );
    await until(() => reader.comments() >= 2, 'two heartbeats');
    reader.close();
  });

  it('answers API mistakes with a status and a message that says what to do', async () => {
    const badJson = await post('listImages', '{"sort": ');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({
      code: 'invalid-params',
      message: expect.stringMatching(/^\/api\/listImages: the body is not valid JSON/),
    });
    const unknown = await post('rmrf', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'unknown-method' });
    const badParams = await post('getImage', '{"reference": 5}');
    expect(badParams.status).toBe(400);
    expect(JSON.parse(badParams.body)).toEqual({
      code: 'invalid-params',
      message: 'getImage: reference must be a non-empty string, got 5',
    });
    expect((await post('summary', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await get('/api/summary')).status).toBe(405);
    const huge = await post('getImage', JSON.stringify({ reference: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(huge.status).toBe(413);
    const health = await rawRequest(server.port, { path: '/healthz' });
    expect([health.status, health.body]).toEqual([200, 'ok\n']);
    const ok = await post('summary', '');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ total: expect.any(Number) });
  });

  it('serves the renderer with a strict CSP, falls back to index.html for app routes, and never leaves its directory', async () => {
    const index = await get('/');
    expect(index).toMatchObject({ status: 200, body: '<!doctype html><title>cupdate</title>' });
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'; .*connect-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/images/docker.io%2Flibrary%2Fnginx')).body).toContain('<title>cupdate');
    const script = await get('/assets/app-1234.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/x%00.js',
    ]) {
      const answer = await get(path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain('TOP-SECRET');
    }
  });

  it('refuses requests from another origin or addressed to another host name (DNS rebinding)', async () => {
    const foreign = await post('getSettings', '{}', { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatch(/origin "http:\/\/evil.example" are refused/);
    const rebound = await get('/', { Host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(403);
    const events = await get('/api/events', { Origin: 'http://evil.example' });
    expect(events.status).toBe(403);
    const own = await post('getSettings', '{}', {
      Origin: `http://localhost:${server.port}`,
      Host: `localhost:${server.port}`,
    });
    expect(own.status).toBe(200);
  });

  it('ends open event streams when the server stops', async () => {
    const reader = await readEvents(server.port, bearer(server.token));
    await server.stop();
    await reader.ended;
    server = await startServe({ session, port: 0, staticDir: join(dir, 'dist') });
    expect((await post('summary', '{}')).status).toBe(200);
  });
});
