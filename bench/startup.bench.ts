// Start-up of the command line (issue 10, item 1; docs/pipeline.md, "Start-up"). Prints, as min and
// median of several passes, each beside references measured in the same run (`node -e 0`, the
// floor; and the development path, tsx over the same sources):
//   - `cupdate --help` wall time (goal ≤ 150 ms),
//   - `cupdate scan` of a one-image list, wall time and peak RSS (goal ≤ 400 ms), against the real
//     registry (distribution 2.8) holding that image as a two-platform OCI index under 300 tags,
//   - idle RSS of `cupdate serve` over that list once it has checked the image (goal ≤ 80 MB).
// `cupdate` is the bin, scripts/cupdate.mjs, running the built core (out/core, built first).
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/startup.bench.ts
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pushImage } from '../test/peers/images.js';
import { registryAvailable, startRegistry } from '../test/peers/registry.js';
import {
  buildCoreAndRenderer,
  describe,
  interleaved,
  load,
  rssMb,
  runNode,
  spread,
  type Run,
} from './startup/measure.js';

const ROOT = join(import.meta.dirname, '..');
const CUPDATE = join(ROOT, 'scripts', 'cupdate.mjs');
const FROM_SOURCES = ['--import', 'tsx', join(ROOT, 'internal', 'cli.ts')];
/** No kubeconfig, no Docker endpoint: what is measured is the command, not this machine's clusters. */
const ENV = { ...process.env, KUBECONFIG: '/nonexistent', DOCKER_HOST: '' };
const PASSES = { help: 15, scan: 7, serve: 5, fromSources: 3 };
/** Idle: the one image is checked well within this; then RSS is sampled. */
const SETTLE_MS = 3000;
const SAMPLES = 8;

const unavailable = registryAvailable('none');
if (unavailable !== null) throw new Error(`the start-up bench needs the registry: ${unavailable}`);

console.log(load());
buildCoreAndRenderer();

const wall = (runs: readonly Run[]) => spread(runs.map((run) => run.wallMs));
const peak = (runs: readonly Run[]) => spread(runs.map((run) => run.peakRssMb));

const floorRun = () => runNode(['-e', '0'], ENV);
const help = await interleaved(PASSES.help, {
  floor: floorRun,
  bin: () => runNode([CUPDATE, '--help'], ENV),
  bundle: () => runNode([join(ROOT, 'out', 'core', 'cli.js'), '--help'], ENV),
});
const helpFloor = { name: 'node -e 0', spread: wall(help.floor) };
console.log(
  `node -e 0 (the floor): ${describe(helpFloor.spread, 'ms')}, peak RSS ${describe(peak(help.floor), 'MB')}`,
);
console.log(
  `cupdate --help: ${describe(wall(help.bin), 'ms', helpFloor)}, peak RSS ${describe(peak(help.bin), 'MB')}`,
);
console.log(
  `  out/core/cli.js --help (the bundle alone, no freshness check): ${describe(wall(help.bundle), 'ms', helpFloor)}`,
);
const helpDev = await interleaved(PASSES.fromSources, {
  floor: floorRun,
  tsx: () => runNode([...FROM_SOURCES, '--help'], ENV),
});
console.log(
  `  from the sources with tsx (development): ${describe(wall(helpDev.tsx), 'ms', { name: 'node -e 0', spread: wall(helpDev.floor) })}`,
);

const registry = await startRegistry({ auth: 'none' });
const dir = await mkdtemp(join(tmpdir(), 'cupdate-startup-bench-'));
try {
  // 300 tags (1.0.0 … 3.9.9), one two-platform index: a production-sized tag list.
  const tags = [1, 2, 3].flatMap((major) =>
    Array.from({ length: 100 }, (_, i) => `${major}.${Math.floor(i / 10)}.${i % 10}`),
  );
  await pushImage(registry, 'bench/app', tags, {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  const list = join(dir, 'images.txt');
  await writeFile(list, `${registry.host}/bench/app:1.4.2\n`);
  const scanArgs = ['scan', '--list', list, '--no-sources'];

  const scan = await interleaved(PASSES.scan, {
    floor: floorRun,
    bin: () => runNode([CUPDATE, ...scanArgs], ENV),
  });
  const scanFloor = { name: 'node -e 0', spread: wall(scan.floor) };
  console.log(
    `cupdate scan of 1 image (300 tags, 2-platform index): ${describe(wall(scan.bin), 'ms', scanFloor)}, ` +
      `peak RSS ${describe(peak(scan.bin), 'MB')} (node -e 0 this time: ${describe(scanFloor.spread, 'ms')})`,
  );
  const scanDev = await interleaved(PASSES.fromSources, {
    floor: floorRun,
    tsx: () => runNode([...FROM_SOURCES, ...scanArgs], ENV),
  });
  console.log(
    `  from the sources with tsx: ${describe(wall(scanDev.tsx), 'ms', { name: 'node -e 0', spread: wall(scanDev.floor) })}, ` +
      `peak RSS ${describe(peak(scanDev.tsx), 'MB')}`,
  );

  const serveArgs = ['serve', '--port', '0', '--list', list, '--no-sources'];
  const idle = { floor: [] as number[], bin: [] as number[] };
  for (let pass = 0; pass < PASSES.serve; pass++) {
    idle.floor.push(await idleRss(['-e', 'setInterval(() => {}, 1000); console.error("serving on")']));
    idle.bin.push(await idleRss([CUPDATE, ...serveArgs]));
  }
  const idleFloor = { name: 'idle node', spread: spread(idle.floor) };
  console.log(`idle node (setInterval, the floor): RSS ${describe(idleFloor.spread, 'MB')}`);
  console.log(
    `cupdate serve, idle after checking 1 image: RSS ${describe(spread(idle.bin), 'MB', idleFloor)}`,
  );
  const idleDev: number[] = [];
  for (let pass = 0; pass < PASSES.fromSources; pass++)
    idleDev.push(await idleRss([...FROM_SOURCES, ...serveArgs]));
  console.log(`  from the sources with tsx: RSS ${describe(spread(idleDev), 'MB', idleFloor)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await registry.stop();
}
console.log(load());

/**
 * Starts `node …args` (a server that prints "serving on" on stderr), lets it settle, samples its
 * RSS and stops it with SIGTERM; resolves to the median sample.
 */
async function idleRss(args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, args, { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((done) => child.on('exit', done));
  try {
    let stderr = '';
    await new Promise<void>((ready, fail) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('serving on')) ready();
      });
      child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}:\n${stderr}`)));
    });
    await sleep(SETTLE_MS);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      samples.push(await rssMb(child.pid ?? 0));
      await sleep(250);
    }
    return spread(samples).median;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
