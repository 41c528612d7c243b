// Store speed: writing 1,000 processed results (tags, notes, links, vulnerabilities) and
// listing / searching / summarizing over 10,000 images, on a file database (WAL), as the app runs it.
// Run: npx tsx bench/store.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { openStore } from '../internal/store/store.js';
import { dockerGraph, processedDone } from '../internal/store/testing/sample-data.js';
import type { UpdateKind } from '../internal/model/image.js';
import type { ListImagesQuery } from '../internal/model/image-query.js';

const IMAGES = 10_000;
const PLATFORMS = 10;
const TIMED_RESULTS = 1_000;
const KINDS: UpdateKind[] = ['major', 'minor', 'patch', 'digest', 'none'];
const NAMES = [
  'nginx',
  'postgres',
  'redis',
  'grafana',
  'prometheus',
  'traefik',
  'api',
  'worker',
  'alpine',
  'busybox',
];

function reference(i: number): string {
  return `registry${i % 7}.test/team-${i % 50}/${NAMES[i % NAMES.length]}-${i}:${1 + (i % 9)}.${i % 13}.0`;
}

/**
 * Wall and CPU time of `fn` in ms. CPU time (this process, user + system) is printed too because
 * this machine is shared: under load the wall time says more about the neighbours than the store.
 */
function measure(fn: () => unknown): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function format({ wall, cpu }: { wall: number; cpu: number }): string {
  return `${wall.toFixed(2)} ms wall, ${cpu.toFixed(2)} ms CPU`;
}

/** The run with the median wall time of `runs` runs of `fn`. */
function median(fn: () => unknown, runs = 21): string {
  const times = Array.from({ length: runs }, () => measure(fn)).sort((a, b) => a.wall - b.wall);
  return format(times[Math.floor(runs / 2)] ?? { wall: NaN, cpu: NaN });
}

const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
try {
  console.log(`load average ${loadavg()[0]?.toFixed(1)} on this machine`);
  const store = openStore(join(dir, 'bench.sqlite'));
  const references = Array.from({ length: IMAGES }, (_, i) => reference(i));
  const perPlatform = IMAGES / PLATFORMS;

  const graphs = Array.from({ length: PLATFORMS }, (_, p) =>
    dockerGraph(`docker:host-${p}`, references.slice(p * perPlatform, (p + 1) * perPlatform)),
  );
  const firstReport = measure(() =>
    graphs.forEach(({ nodes, edges }, p) => store.replacePlatformGraph(`docker:host-${p}`, nodes, edges)),
  );
  console.log(
    `replacePlatformGraph, ${IMAGES} new images on ${PLATFORMS} platforms (${IMAGES * 2 + PLATFORMS} nodes): ${format(firstReport)}`,
  );
  const [host0] = graphs;
  const again = measure(() =>
    store.replacePlatformGraph('docker:host-0', host0?.nodes ?? [], host0?.edges ?? []),
  );
  console.log(
    `replacePlatformGraph again, one platform of ${perPlatform} images (unchanged): ${format(again)}`,
  );

  const save = (i: number) => {
    const kind = KINDS[i % KINDS.length] ?? 'none';
    store.saveProcessed(
      processedDone(references[i] ?? '', kind, {
        at: 1_000 + i,
        notes: 5,
        vulnerabilities: i % 4 === 0 ? 2 : 0,
        tags: [
          kind === 'none' ? 'up-to-date' : 'outdated',
          `bump:${kind}`,
          `namespace:team-${i % 50}`,
          ...(i % 3 === 0 ? ['github'] : []),
        ],
      }),
    );
  };
  const saves = measure(() => {
    for (let i = 0; i < TIMED_RESULTS; i++) save(i);
  });
  console.log(
    `saveProcessed, ${TIMED_RESULTS} results (3–4 tags, 2 links, 5 notes, 0–2 vulnerabilities each; one transaction each): ${format(saves)}`,
  );
  for (let i = TIMED_RESULTS; i < IMAGES; i++) save(i);

  const page: ListImagesQuery = { sort: 'name', order: 'asc', limit: 50, offset: 0 };
  console.log(`over ${IMAGES} images, median of 21 runs:`);
  console.log(`  listImages by name, first page of 50:          ${median(() => store.listImages(page))}`);
  console.log(
    `  listImages by name, page 100 (offset 4950):    ${median(() => store.listImages({ ...page, offset: 4950 }))}`,
  );
  console.log(
    `  listImages by update size, first page:          ${median(() => store.listImages({ ...page, sort: 'update', order: 'desc' }))}`,
  );
  console.log(
    `  listImages tags all+any+none:                   ${median(() => store.listImages({ ...page, tags: { all: ['outdated'], any: ['namespace:team-1', 'namespace:team-2'], none: ['github'] } }))}`,
  );
  console.log(
    `  listImages search "nginx" (1,000 hits):         ${median(() => store.listImages({ ...page, query: 'nginx' }))}`,
  );
  console.log(
    `  listImages search "prom team-4" (prefixes):     ${median(() => store.listImages({ ...page, query: 'prom team-4' }))}`,
  );
  console.log(
    `  listImages search "release 1.3" (note titles):  ${median(() => store.listImages({ ...page, query: 'release 1.3' }))}`,
  );
  console.log(`  summary:                                        ${median(() => store.summary())}`);
  console.log(
    `  getImage:                                       ${median(() => store.getImage(references[1234] ?? ''))}`,
  );
  console.log(
    `  dueForCheck(1 h, 100):                          ${median(() => store.dueForCheck(3_600_000, 100))}`,
  );
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
