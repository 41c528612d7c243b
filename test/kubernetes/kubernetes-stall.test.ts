// A watch that stays open but delivers nothing, through a proxy on loopback that freezes the
// stream without closing it, in front of the fake API server (which, like kube-apiserver, sends a
// BOOKMARK on every watch at an interval): the stall is detected, shown as reconnecting, and the
// watches resume from their resourceVersion on a new connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubernetesPlatform } from '../../internal/platform/kubernetes/kubernetes-platform.js';
import { FakeKubeApiServer } from '../fakes/fake-kube-apiserver.js';
import { FreezingProxy } from '../peers/freezing-proxy.js';
import { runningPod, singleContextKubeconfig, startPlatform } from './kube-fixtures.js';

const P = 'kubernetes:stall';
const KINDS = 8;
const STALL_MS = 600;
const pod = (name: string) => runningPod('default', name, 'nginx:1.27', `sha256:${'f'.repeat(64)}`);

describe('stalled kubernetes watches (fake API server behind a freezing proxy)', () => {
  let fake: FakeKubeApiServer;
  let proxy: FreezingProxy;
  let dir: string;
  let platform: KubernetesPlatform | undefined;

  beforeEach(async () => {
    // Bookmarks well within the stall bound, as kube-apiserver's minute is within 150 s.
    fake = await FakeKubeApiServer.start({ bookmarkEveryMs: 150 });
    proxy = await FreezingProxy.start({ port: Number(new URL(fake.url).port) });
    dir = mkdtempSync(join(tmpdir(), 'kube-stall-'));
  });

  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    await proxy.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    const config = singleContextKubeconfig(dir, 'stall', `http://127.0.0.1:${proxy.port}`);
    const started = await startPlatform(config, 'stall', { watchStallMs: STALL_MS });
    platform = started.platform;
    const { recorder } = started;
    await recorder.until('watches open', () => fake.openWatches === KINDS);
    return recorder;
  }

  it('a frozen watch is reported as reconnecting, then resumes without a relist and sees what happened meanwhile', async () => {
    fake.add('pods', pod('before'));
    const recorder = await start();
    expect(recorder.status?.state).toBe('live');
    const resumeFrom = fake.resourceVersion;

    proxy.freeze();
    fake.add('pods', pod('during'));
    await recorder.until('reconnecting', () => recorder.status?.state === 'degraded', 5_000);
    expect(recorder.status).toMatchObject({
      state: 'degraded',
      reason: expect.stringMatching(
        /^pods in context "stall": watch \/api\/v1\/pods\?.*: nothing arrived for 600 ms \(no event, no bookmark\); the connection is stalled; reconnecting/,
      ),
    });
    await recorder.until(
      'live again with the pod added while frozen',
      () => recorder.status?.state === 'live' && recorder.graph!.has(`${P}/pod/default/during`),
      5_000,
    );
    // Resumed, not relisted: one list per kind, and the watch asked from where it was.
    expect(fake.requests('pods', 'list')).toBe(1);
    expect(Number(fake.lastWatchFrom('pods'))).toBeGreaterThanOrEqual(Number(resumeFrom));
    expect(proxy.frozen).toBeGreaterThanOrEqual(KINDS);
  });

  it('a quiet watch that receives bookmarks is never taken for stalled', async () => {
    const recorder = await start();
    await new Promise((resolve) => setTimeout(resolve, STALL_MS * 3));
    expect(fake.requests('pods', 'watch')).toBe(1);
    expect(recorder.statuses.map((status) => status.state)).not.toContain('degraded');
  });
});
