// A scan where one registry accepts requests and never answers (issue 15, item 13: 48 images on a
// hung host took 183 s). The app checks HUNG images on the fake registry's `hang` plus HEALTHY
// images on the real registry (Debian docker-registry), with a 2 s request deadline, twice per
// pass: with the breaker (docs/http.md, "Hosts that hang") and with it effectively off (a threshold
// no scan reaches), which is how the client behaved before. Prints min/median wall time of the
// whole scan and of the healthy images, and the requests that reached the hung host.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/hung-registry.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../internal/app.js';
import { HttpClient } from '../internal/http/client.js';
import { DEFAULT_BREAKER } from '../internal/http/host-breaker.js';
import { StaticPlatform } from '../internal/platform/static/static-platform.js';
import { startFakeRegistry } from '../test/fakes/fake-registry.js';
import { startRegistry } from '../test/peers/registry.js';
import { seedManyRepositories } from '../test/peers/seed.js';

const HUNG = 48;
const HEALTHY = 200;
const TIMEOUT_MS = 2_000;
const PASSES = 3;

const registry = await startRegistry({ auth: 'none' });
const fake = await startFakeRegistry();
fake.behaviour = 'hang';
const dir = await mkdtemp(join(tmpdir(), 'cupdate-bench-hung-'));
try {
  const repositories = await seedManyRepositories(registry, { count: HEALTHY, prefix: 'bench/ok-' });
  const healthy = repositories.map((repository) => `${registry.host}/${repository}:1.1.0`);
  const hung = Array.from({ length: HUNG }, (_, i) => `${fake.host}/hung/app-${i}:1.0`);
  const list = join(dir, 'images.txt');
  await writeFile(list, [...hung, ...healthy].join('\n') + '\n');

  const scan = async (breakerOn: boolean) => {
    const http = new HttpClient({
      timeoutMs: TIMEOUT_MS,
      breaker: breakerOn ? DEFAULT_BREAKER : { ...DEFAULT_BREAKER, timeouts: Number.MAX_SAFE_INTEGER },
    });
    const app = createApp({
      dataDir: ':memory:',
      platforms: [new StaticPlatform(list)],
      minimumAgeMs: 0,
      http,
    });
    const healthySet = new Set(healthy);
    let healthyLeft = healthy.length;
    let healthyDoneAt = 0;
    const started = performance.now();
    app.on('progress', (event) => {
      if ((event.type === 'done' || event.type === 'failed') && healthySet.has(event.reference)) {
        if (--healthyLeft === 0) healthyDoneAt = performance.now();
      }
    });
    const before = fake.requests.length;
    await app.start();
    await app.settled();
    const seconds = (performance.now() - started) / 1000;
    const summary = app.summary();
    await app.stop();
    await http.close();
    return {
      seconds,
      healthySeconds: (healthyDoneAt - started) / 1000,
      hungRequests: fake.requests.length - before,
      failed: summary.failed,
    };
  };

  const runs = {
    on: [] as Awaited<ReturnType<typeof scan>>[],
    off: [] as Awaited<ReturnType<typeof scan>>[],
  };
  for (let pass = 0; pass < PASSES; pass++) {
    runs.off.push(await scan(false));
    runs.on.push(await scan(true));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`);
  console.log(
    `${HUNG} images on a hung registry + ${HEALTHY} on a real one, ${TIMEOUT_MS} ms deadline, ${PASSES} passes:`,
  );
  for (const [name, results] of [
    ['breaker off', runs.off],
    ['breaker on', runs.on],
  ] as const) {
    const all = results.map((r) => r.seconds);
    const ok = results.map((r) => r.healthySeconds);
    console.log(
      `${name.padEnd(12)} scan min ${Math.min(...all).toFixed(2)} s median ${median(all).toFixed(2)} s; ` +
        `healthy done min ${Math.min(...ok).toFixed(2)} s median ${median(ok).toFixed(2)} s; ` +
        `requests to the hung host ${median(results.map((r) => r.hungRequests))}; failed ${results[0]!.failed}`,
    );
  }
  const ratio = median(runs.off.map((r) => r.seconds)) / median(runs.on.map((r) => r.seconds));
  console.log(`scan time, breaker off / on (medians): ${ratio.toFixed(1)}×`);
} finally {
  await fake.stop();
  await registry.stop();
  await rm(dir, { recursive: true, force: true });
}
