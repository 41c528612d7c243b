// One cold versions-only scan by the app over the realistic data set, and nothing else, to profile
// (docs/pipeline.md, "Measured"); `warm` scans once first and profiles the second scan (every
// answer from the cache: what is left is the app's own work):
//   npx tsx bench/cold-scan.ts [repositories] [real|paged] [profile.cpuprofile] [cold|warm]
//   npx tsx bench/profile-top.ts profile.cpuprofile
// With a file name, V8's CPU profiler (the one `node --cpu-prof` starts, through node:inspector)
// records from app.start() to settled() only: not the start-up, the module loading or the seeding.
// The real registry runs in its own process, so the profile is the app's alone.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../internal/app.js';
import { StaticPlatform } from '../internal/platform/static/static-platform.js';
import { startBenchRegistry, type RegistryKind } from './realistic-data.js';

const COUNT = Number(process.argv[2] ?? 200);
const KIND = (process.argv[3] ?? 'real') as RegistryKind;
const PROFILE = process.argv[4];
const WARM = process.argv[5] === 'warm';

/** Starts the CPU profiler; the returned function stops it and writes the profile. */
async function startProfile(file: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const registry = await startBenchRegistry(KIND, COUNT);
const work = await mkdtemp(join(tmpdir(), 'cupdate-cold-scan-'));
try {
  const list = join(work, 'images.txt');
  await writeFile(list, registry.references.map((reference) => `${reference}\n`).join(''));
  const options = () => ({
    dataDir: join(work, 'data'),
    platforms: [new StaticPlatform(list)],
    minimumAgeMs: 0,
  });
  if (WARM) {
    const first = createApp(options());
    await first.start();
    await first.settled();
    await first.stop();
  }
  const app = createApp(options());
  const stopProfile = PROFILE === undefined ? undefined : await startProfile(PROFILE);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await app.start();
  await app.settled();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await stopProfile?.();
  const { http, storeWriteMs } = app.stats();
  const summary = app.summary();
  await app.stop();
  console.log(
    `${summary.total} images (${summary.failed} failed) in ${ms.toFixed(0)} ms, ` +
      `CPU ${((used.user + used.system) / 1000 / summary.total).toFixed(2)} ms/image, ` +
      `${(http.requests / summary.total).toFixed(2)} requests/image, store writes ${(storeWriteMs / summary.total).toFixed(2)} ms/image`,
  );
} finally {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}
