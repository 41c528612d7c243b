// The dispatch table over a real session (real App, real SQLite in a temporary directory, a static
// list platform; discovery looks in an empty home directory).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { dispatch } from './dispatch.js';
import { MemorySecretStore } from './secret-store.js';
import { openSession, type Session } from './session.js';
import { until } from '../../test/serve/until.js';

describe('dispatch over a real session', () => {
  let dir: string;
  let session: Session;
  const secrets = new MemorySecretStore();
  const call = (method: string, params: unknown) => dispatch(session, method, params);
  const failure = (method: string, params: unknown) =>
    call(method, params).then(
      () => undefined,
      (error: unknown) => error as ApiError,
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-dispatch-'));
    // 127.0.0.1:1 refuses connections at once: the checks fail fast, offline.
    await writeFile(join(dir, 'list.txt'), '127.0.0.1:1/app/web:1.0\n');
    session = await openSession({
      dataDir: join(dir, 'data'),
      secrets,
      place: { env: { KUBECONFIG: join(dir, 'no-kubeconfig') }, homeDir: dir },
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [join(dir, 'list.txt')] },
    });
  });
  afterAll(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers snapshot with the graph, platforms and current sequence', async () => {
    await until(() => session.platforms()[0]?.status.state === 'live');
    const snapshot = (await call('snapshot', {})) as Awaited<ReturnType<Session['snapshot']>>;
    expect(snapshot.platforms).toEqual([
      {
        id: `static:${join(dir, 'list.txt')}`,
        type: 'static',
        name: join(dir, 'list.txt'),
        status: { state: 'live' },
      },
    ]);
    expect(snapshot.graph.nodes.map((node) => node.kind).sort()).toEqual(['image', 'static-list']);
    expect(snapshot.sequence).toBeGreaterThanOrEqual(2); // the reset of the first App, then its first graph
  });

  it('refuses an unknown method and bad params with typed errors, never a stack trace', async () => {
    expect(await failure('dropTables', {})).toMatchObject({
      code: 'unknown-method',
      message: expect.stringMatching(/"dropTables"/),
    });
    const bad = await failure('listImages', { sort: 'size', order: 'asc', limit: 5, offset: 0 });
    expect(bad?.toBody()).toEqual({
      code: 'invalid-params',
      message: 'listImages: sort must be one of "name", "update", got "size"',
    });
  });

  it('maps core errors: an image no platform runs is not-found, a malformed reference is invalid-params', async () => {
    expect(await failure('checkNow', { reference: 'docker.io/library/absent:1' })).toMatchObject({
      code: 'not-found',
    });
    expect(await failure('checkNow', { reference: 'library/UPPER' })).toMatchObject({
      code: 'invalid-params',
    });
    expect(await call('checkNow', { reference: '127.0.0.1:1/app/web:1.0' })).toEqual({ queued: true });
    expect(await call('getImage', { reference: '127.0.0.1:1/app/none:1' })).toBeNull();
  });

  it('answers updateActions with not-found, saying why, for an image with no update to act on', async () => {
    expect(await failure('updateActions', { reference: 'docker.io/library/absent:1' })).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(
        /^updateActions: image "docker.io\/library\/absent:1" runs on no platform/,
      ),
    });
    // The list's registry refuses connections: the image is never checked successfully.
    await until(() => session.getImage('127.0.0.1:1/app/web:1.0')?.status === 'failed');
    expect(
      await failure('updateActions', { reference: '127.0.0.1:1/app/web:1.0', bump: 'minor' }),
    ).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/was not checked yet; check it first$/),
    });
  });

  it('keeps secrets out of every answer and the store, and reports only that they are set', async () => {
    await call('changeSettings', { kind: 'github-token', token: 'ghp_secret' });
    const settings = await call('changeSettings', {
      kind: 'registry-credential',
      registry: 'ghcr.io',
      username: 'me',
      password: 'hunter2',
    });
    expect(settings).toEqual({
      recheckIntervalMinutes: 10,
      notifications: true,
      githubTokenSet: true,
      registryCredentials: [{ registry: 'ghcr.io', username: 'me' }],
    });
    expect(JSON.stringify(settings)).not.toMatch(/hunter2|ghp_secret/);
    expect(await secrets.get('registry-password:ghcr.io')).toBe('hunter2');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'data', 'cupdate.db'), { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM settings').all());
    db.close();
    expect(rows).not.toMatch(/hunter2|ghp_secret/);
    const removed = await call('changeSettings', { kind: 'remove-registry-credential', registry: 'ghcr.io' });
    expect(removed).toMatchObject({ registryCredentials: [] });
    expect(await secrets.get('registry-password:ghcr.io')).toBeUndefined();
  });

  it('keeps rules by pattern', async () => {
    expect(await call('setRule', { pattern: 'docker.io/library/*', pin: true })).toEqual([
      { pattern: 'docker.io/library/*', pin: true },
    ]);
    expect(await call('setRule', { pattern: 'a/b', exclude: ['-rc'] })).toHaveLength(2);
    expect(await call('deleteRule', { pattern: 'docker.io/library/*' })).toEqual([
      { pattern: 'a/b', exclude: ['-rc'] },
    ]);
    expect(await call('listRules', {})).toEqual([{ pattern: 'a/b', exclude: ['-rc'] }]);
  });

  it('discovery says where it looked; an unknown context is refused without stopping the platforms', async () => {
    const discovery = await call('discovery', {});
    expect(discovery).toMatchObject({
      kubeContexts: [],
      kubeconfigFiles: [{ path: join(dir, 'no-kubeconfig'), error: 'not found' }],
      staticLists: [join(dir, 'list.txt')],
    });
    const refused = await failure('selectPlatforms', {
      dockerEndpoints: [],
      kubeContexts: ['prod'],
      staticLists: [],
    });
    expect(refused).toMatchObject({
      code: 'invalid-params',
      message: expect.stringMatching(/kubeContexts\[0\] "prod" is not a context/),
    });
    expect(session.platforms()).toHaveLength(1);
  });
});
