// Namespaces added in the app for a kube context: set through the API (`changeSettings`), watched at
// once (the App is restarted with them), listed by `discovery`, and still there after a restart.
// Against the fake API server with a user bound in two namespaces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../internal/api/dispatch.js';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session } from '../../internal/api/session.js';
import { FakeKubeApiServer, NAMESPACED } from '../fakes/fake-kube-apiserver.js';
import { until } from '../serve/until.js';
import { runningPod, writeKubeconfig } from './kube-fixtures.js';

const P = 'kubernetes:team';

describe('per-context namespaces in the settings (fake API server with RBAC)', () => {
  let fake: FakeKubeApiServer;
  let dir: string;
  const sessions: Session[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-ns-setting-'));
    fake = await FakeKubeApiServer.start();
    fake.rbac = { namespaces: { shop: NAMESPACED, jobs: NAMESPACED } };
    for (const ns of ['shop', 'jobs'])
      fake.add('pods', runningPod(ns, 'web', 'nginx:1.27', `sha256:${'1'.repeat(64)}`));
    writeKubeconfig(join(dir, 'kube', 'config'), {
      clusters: [fake.clusterEntry('c')],
      users: [{ name: 'me', user: { token: 't' } }],
      contexts: [{ name: 'team', context: { cluster: 'c', user: 'me', namespace: 'shop' } }],
    });
  });

  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(selection?: { kubeContexts: string[] }): Promise<Session> {
    const session = await openSession({
      dataDir: join(dir, 'data'),
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'kube', 'config') }, homeDir: dir },
      ...(selection === undefined
        ? {}
        : { selection: { dockerEndpoints: [], staticLists: [], ...selection } }),
    });
    sessions.push(session);
    return session;
  }

  const podsWatched = (session: Session) => {
    const status = session.platforms()[0]?.status;
    return status !== undefined && 'access' in status ? status.access?.kinds[0]?.watched : undefined;
  };

  it('adds a namespace, watches it at once, shows it in discovery and keeps it across restarts', async () => {
    const session = await open({ kubeContexts: ['team'] });
    await until(() => session.platforms()[0]?.status.state === 'live', 'live in shop');
    expect(podsWatched(session)).toEqual(['shop']);
    expect(session.snapshot().graph.nodes.map((node) => node.id)).not.toContain(`${P}/pod/jobs/web`);

    await dispatch(session, 'changeSettings', {
      kind: 'kube-namespaces',
      context: 'team',
      namespaces: ['jobs'],
    });
    await until(() => session.platforms()[0]?.status.state === 'live', 'live in shop and jobs');
    expect(podsWatched(session)).toEqual(['shop', 'jobs']);
    await until(
      () => session.snapshot().graph.nodes.some((node) => node.id === `${P}/pod/jobs/web`),
      'the pod in jobs',
    );
    const discovery = (await dispatch(session, 'discovery', {})) as Awaited<ReturnType<Session['discovery']>>;
    expect(discovery.kubeContexts).toEqual([
      expect.objectContaining({ name: 'team', namespace: 'shop', addedNamespaces: ['jobs'] }),
    ]);
    await session.close();

    const reopened = await open();
    await until(() => reopened.platforms()[0]?.status.state === 'live', 'live again');
    expect(podsWatched(reopened)).toEqual(['shop', 'jobs']);
  });

  it('refuses a name that cannot be a namespace, naming the field, and keeps what was set', async () => {
    const session = await open({ kubeContexts: ['team'] });
    await expect(
      dispatch(session, 'changeSettings', {
        kind: 'kube-namespaces',
        context: 'team',
        namespaces: ['jobs', 'Shop Floor'],
      }),
    ).rejects.toMatchObject({
      code: 'invalid-params',
      message: expect.stringMatching(/^changeSettings: namespaces\[1\] is not a namespace name/),
    });
    const discovery = await session.discovery();
    expect(discovery.kubeContexts[0]?.addedNamespaces).toEqual([]);
  });
});
