// The core end to end at scale (run: `npx tsx bench/pipeline.bench.ts [images]`): a real registry
// seeded with N repositories (default 1,000; tags 1.0.0, 1.1.0, 2.0.0, blobs shared), a static
// list of `<repo>:1.1.0` (each has a major update), and the app over it:
//   cold        fresh data directory: empty store and HTTP cache
//   warm        the same data directory again at once: the cache answers (TTL 5 min for tags and
//               manifests by tag, digests forever)
//   revalidate  the same data directory with the clock 10 minutes on: tag lists and manifests by
//               tag are stale and revalidated (If-None-Match → 304)
// Prints images/s, peak images in flight, HTTP requests per image, cache hits, 304s and the time
// spent writing the store. Target: ≥ 200 images/s cold.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../internal/app.js';
import { StaticPlatform } from '../internal/platform/static/static-platform.js';
import { startRegistry } from '../test/peers/registry.js';
import { seedManyRepositories } from '../test/peers/seed.js';

const IMAGES = Number(process.argv[2] ?? 1000);

const registry = await startRegistry({ auth: 'none' });
const dir = await mkdtemp(join(tmpdir(), 'cupdate-bench-pipeline-'));
try {
  let started = performance.now();
  const repositories = await seedManyRepositories(registry, { count: IMAGES, prefix: 'bench/repo-' });
  console.log(
    `seeded ${IMAGES} repositories × 3 tags in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const list = join(dir, 'images.txt');
  await writeFile(list, repositories.map((repository) => `${registry.host}/${repository}:1.1.0\n`).join(''));

  const pass = async (name: string, clockOffsetMs: number) => {
    const app = createApp({
      dataDir: join(dir, 'data'),
      platforms: [new StaticPlatform(list)],
      minimumAgeMs: 0,
      now: () => Date.now() + clockOffsetMs,
    });
    let inFlight = 0;
    let peak = 0;
    app.on('progress', (event) => {
      if (event.type === 'running') peak = Math.max(peak, ++inFlight);
      if (event.type === 'done' || event.type === 'failed') inFlight--;
    });
    const cpu = process.cpuUsage();
    started = performance.now();
    await app.start();
    await app.settled();
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    const { http, storeWriteMs } = app.stats();
    const summary = app.summary();
    await app.stop();
    const done = summary.total - summary.failed;
    console.log(
      `${name.padEnd(10)} ${(IMAGES / seconds).toFixed(0).padStart(5)} images/s (${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s), ` +
        `done ${done}/${IMAGES}, failed ${summary.failed}, peak in flight ${peak}, ` +
        `${(http.requests / IMAGES).toFixed(2)} requests/image, ${http.cacheHits} cache hits, ${http.revalidated} × 304, ` +
        `store writes ${storeWriteMs.toFixed(0)} ms (${(storeWriteMs / IMAGES).toFixed(2)} ms/image)`,
    );
  };
  await pass('cold', 0);
  await pass('warm', 0);
  await pass('revalidate', 10 * 60_000);
} finally {
  await registry.stop();
  await rm(dir, { recursive: true, force: true });
}
