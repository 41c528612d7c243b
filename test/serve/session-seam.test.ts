// The App–Session seam: one App for the session's life, on the session's one store. Selecting
// platforms keeps the ones that stay (their watches are not restarted), drops the ones that go
// from the graph, the counts and the image list (kept as history), and changing a setting restarts
// nothing. The lists name images on 127.0.0.1:1, which refuses at once: checks fail fast, offline.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEventName, ApiEvents } from '../../internal/api/contract.js';
import { dispatch } from '../../internal/api/dispatch.js';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session, type SessionOptions } from '../../internal/api/session.js';
import { until } from './until.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('session seam', () => {
  let dir: string;
  const sessions: Session[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-seam-'));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const selection = (staticLists: string[]) => ({ dockerEndpoints: [], kubeContexts: [], staticLists });
  async function list(name: string, references: string[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, `${references.join('\n')}\n`);
    return path;
  }
  async function open(lists: string[], options: Partial<SessionOptions> = {}): Promise<Session> {
    const session = await openSession({
      dataDir: join(dir, 'data'),
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'none') }, homeDir: dir },
      selection: selection(lists),
      events: { patchWindowMs: 10, summaryIntervalMs: 20 },
      ...options,
    });
    sessions.push(session);
    await allLive(session);
    return session;
  }
  const allLive = (session: Session) =>
    until(() => session.platforms().every((platform) => platform.status.state === 'live'), 'every list live');
  /** Every event the session sends from now on. */
  function record(session: Session): { name: ApiEventName; event: unknown }[] {
    const events: { name: ApiEventName; event: unknown }[] = [];
    session.subscribe((name, event) => events.push({ name, event }));
    return events;
  }
  const THREE_IMAGES = ['127.0.0.1:1/team/a:1.0', '127.0.0.1:1/team/b:1.0', '127.0.0.1:1/other/c:1.0'];
  /** A session over one list of `references`, once each was checked. */
  async function openChecked(references: string[]): Promise<Session> {
    const session = await open([await list('a.txt', references)]);
    await settledChecks(session, references.length);
    return session;
  }
  const settledChecks = (session: Session, total: number) =>
    until(() => {
      const summary = session.summary();
      return summary.total === total && summary.pending === 0 && summary.processing === 0;
    }, `${total} images checked`);

  it('keeps watching a list that stays selected, without restarting it, and starts only the new one', async () => {
    const a = await list('a.txt', ['127.0.0.1:1/team/a:1.0']);
    const b = await list('b.txt', ['127.0.0.1:1/team/b:1.0']);
    const session = await open([a]);
    const events = record(session);

    await session.selectPlatforms(selection([a, b]));
    await allLive(session);
    const statuses = events
      .filter((e) => e.name === 'platform-status')
      .map((e) => e.event as ApiEvents['platform-status']);
    // B went through connecting → live; A said nothing: its watch was never stopped.
    expect(statuses.some(({ platform }) => platform === `static:${b}`)).toBe(true);
    expect(statuses.filter(({ platform }) => platform === `static:${a}`)).toEqual([]);

    // A's watch is the same one as before the switch, and it still sees changes.
    await writeFile(a, '127.0.0.1:1/team/a:2.0\n');
    await until(
      () => session.snapshot().graph.nodes.some((node) => node.name.includes('team/a:2.0')),
      "list A's edit in the graph",
    );
  });

  it('drops a deselected list from the graph, the counts and the image list, and keeps its images as history', async () => {
    const a = await list('a.txt', ['127.0.0.1:1/team/a:1.0', '127.0.0.1:1/team/shared:1.0']);
    const b = await list('b.txt', ['127.0.0.1:1/team/b:1.0', '127.0.0.1:1/team/shared:1.0']);
    const session = await open([a, b]);
    await settledChecks(session, 3);

    await session.selectPlatforms(selection([b]));
    expect(session.summary().total).toBe(2);
    const listed = session.listImages({ sort: 'name', order: 'asc', limit: 10, offset: 0 });
    expect(listed.items.map((item) => item.reference)).toEqual([
      '127.0.0.1:1/team/b:1.0',
      '127.0.0.1:1/team/shared:1.0',
    ]);
    const snapshot = session.snapshot();
    expect(snapshot.graph.nodes.every((node) => node.platform === `static:${b}`)).toBe(true);
    expect(snapshot.images.map((image) => image.reference)).not.toContain('127.0.0.1:1/team/a:1.0');
    // Not running any more, yet its page still answers, saying since when.
    const gone = session.getImage('127.0.0.1:1/team/a:1.0');
    expect(gone?.disappearedAt).toEqual(expect.any(Number));
    expect(gone?.runsOn.nodes).toEqual([]);
    // Still runs on B: not disappeared, and it runs only there now.
    const shared = session.getImage('127.0.0.1:1/team/shared:1.0');
    expect(shared?.disappearedAt).toBeNull();
    expect(new Set(shared?.runsOn.nodes.map((node) => node.platform))).toEqual(new Set([`static:${b}`]));
  });

  it('forgets, at open, the platforms an earlier run watched and this one does not', async () => {
    const a = await list('a.txt', ['127.0.0.1:1/team/a:1.0']);
    const b = await list('b.txt', ['127.0.0.1:1/team/b:1.0']);
    const first = await open([a]);
    await settledChecks(first, 1);
    await first.close();

    const second = await open([b]);
    expect(second.summary().total).toBe(1);
    expect(second.getImage('127.0.0.1:1/team/a:1.0')?.disappearedAt).toEqual(expect.any(Number));
    expect(second.getImage('127.0.0.1:1/team/b:1.0')?.disappearedAt).toBeNull();
  });

  it('changes the re-check interval and the GitHub token without restarting a watch or resetting the graph', async () => {
    const a = await list('a.txt', ['127.0.0.1:1/team/a:1.0']);
    const session = await open([a], { app: { sources: {} } });
    const sequence = session.snapshot().sequence;
    const events = record(session);

    await session.changeSettings({ kind: 'recheck-interval', minutes: 5 });
    await session.changeSettings({ kind: 'github-token', token: 'ghp_not-a-real-token-000000000000000000' });
    await sleep(100);
    expect(events.filter((e) => e.name === 'graph-reset' || e.name === 'platform-status')).toEqual([]);
    expect(session.snapshot().sequence).toBe(sequence);
    expect(await session.getSettings()).toMatchObject({ recheckIntervalMinutes: 5, githubTokenSet: true });
  });

  it('checks every running image with checkAll, ignored ones excepted', async () => {
    const session = await openChecked(THREE_IMAGES);
    session.setRule({ pattern: '127.0.0.1:1/other/*', ignore: true });
    await expect(dispatch(session, 'checkAll', {})).resolves.toEqual({ queued: 2 });
    await expect(dispatch(session, 'checkAll', { extra: 1 })).rejects.toMatchObject({
      code: 'invalid-params',
    });
  });

  it('re-checks only the images a changed rule matches', async () => {
    const session = await openChecked(THREE_IMAGES);
    const events = record(session);

    session.setRule({ pattern: '127.0.0.1:1/team/*', stayOnCurrentMajor: true });
    session.deleteRule('127.0.0.1:1/other/c');
    await settledChecks(session, 3);
    const queued = events
      .filter((e) => e.name === 'progress')
      .map((e) => e.event as ApiEvents['progress'])
      .filter((event) => event.type === 'queued')
      .map((event) => event.reference);
    expect(new Set(queued)).toEqual(
      new Set(['127.0.0.1:1/team/a:1.0', '127.0.0.1:1/team/b:1.0', '127.0.0.1:1/other/c:1.0']),
    );
    const beforeSecond = events.length;
    session.setRule({ pattern: '127.0.0.1:1/team/a', pin: true });
    await settledChecks(session, 3);
    const second = events
      .slice(beforeSecond)
      .filter((e) => e.name === 'progress' && (e.event as ApiEvents['progress']).type === 'queued')
      .map((e) => (e.event as ApiEvents['progress']).reference);
    expect(second).toEqual(['127.0.0.1:1/team/a:1.0']);
  });

  it('streams the queue counts with the summary, as the core counts them', async () => {
    const a = await list('a.txt', ['127.0.0.1:1/team/a:1.0', '127.0.0.1:1/team/b:1.0']);
    const session = await open([a]);
    await settledChecks(session, 2);
    const events = record(session);
    session.checkAll();
    await until(() => events.some((e) => e.name === 'queue'), 'a queue event');
    await settledChecks(session, 2);
    await until(
      () =>
        JSON.stringify(events.filter((e) => e.name === 'queue').at(-1)?.event) === '{"queued":0,"running":0}',
      'the queue emptying',
    );
    expect(session.snapshot().queue).toEqual({ queued: 0, running: 0 });
  });
});
