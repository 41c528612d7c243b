// The core end to end (run: `npx tsx bench/pipeline.bench.ts [repositories] [passes]`, under the
// bench lock): the app scanning the realistic data set (bench/realistic-data.ts) from a static list,
// versions only (no enrichment source), on the real registry and on the paging fake one:
//   client      checkImage alone (bench/client-scan.ts), the reference, measured in the same run,
//               pass for pass alternating with the app, so both see the same machine
//   app cold    a fresh data directory: empty store and HTTP cache
//   app warm    the same data directory again at once: tag lists and manifest HEADs within their TTL
//   app reval.  the clock 10 more minutes on each pass: tag lists and HEADs are revalidated
// Prints images/s, requests/image, our CPU ms/image (min / median), peak RSS, ms/image spent in
// store writes, and the end-to-end rate over the client-only rate (goal ≥ 0.85). Then the "why"
// table of a 1,500-tag repository (paged, like nginx on Docker Hub) as the store keeps it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../internal/app.js';
import { StaticPlatform } from '../internal/platform/static/static-platform.js';
import { startFakeRegistry } from '../test/fakes/fake-registry.js';
import { realisticRepository } from '../test/peers/realistic-repositories.js';
import { seedRealisticFake } from '../test/peers/seed.js';
import { clientScanner } from './client-scan.js';
import {
  benchArguments,
  describePasses,
  imagesPerSecond,
  load,
  measure,
  median,
  type Pass,
} from './measure.js';
import {
  describeData,
  PAGE_SIZE,
  realisticRepositories,
  startBenchRegistry,
  type RegistryKind,
} from './realistic-data.js';

const { count: COUNT, passes: PASSES } = benchArguments();
const TEN_MINUTES = 10 * 60_000;

interface AppPass extends Pass {
  readonly storeWriteMs: number;
  readonly failed: number;
}

/** One scan by a new app over `dataDir` (the clock `offsetMs` ahead), until the queue is empty. */
async function appScan(list: string, dataDir: string, offsetMs: number): Promise<AppPass> {
  let storeWriteMs = 0;
  let failed = 0;
  const pass = await measure(async () => {
    const app = createApp({
      dataDir,
      platforms: [new StaticPlatform(list)],
      minimumAgeMs: 0,
      now: () => Date.now() + offsetMs,
    });
    await app.start();
    await app.settled();
    const { http, storeWriteMs: written } = app.stats();
    const summary = app.summary();
    await app.stop();
    storeWriteMs = written;
    failed = summary.failed;
    return { images: summary.total, requests: http.requests };
  });
  return { ...pass, storeWriteMs, failed };
}

function describeApp(label: string, passes: readonly AppPass[]): string {
  const store = median(passes.map((pass) => pass.storeWriteMs / pass.images));
  const failed = Math.max(...passes.map((pass) => pass.failed));
  return `${describePasses(label, passes)}  store writes ${store.toFixed(2)} ms/image${failed > 0 ? `  FAILED ${failed}` : ''}`;
}

async function scanBoth(kind: RegistryKind, work: string): Promise<void> {
  const registry = await startBenchRegistry(kind, COUNT);
  try {
    console.log(`[${kind}] ${registry.description}`);
    const list = join(work, `${kind}.txt`);
    await writeFile(list, registry.references.map((reference) => `${reference}\n`).join(''));
    const client: Pass[] = [];
    const cold: AppPass[] = [];
    let dataDir = '';
    for (let pass = 0; pass < PASSES; pass++) {
      const scanner = clientScanner(registry.references);
      client.push(await measure(() => scanner.scan()));
      await scanner.close();
      dataDir = join(work, `${kind}-${pass}`);
      cold.push(await appScan(list, dataDir, 0));
    }
    const warm: AppPass[] = [];
    for (let pass = 0; pass < PASSES; pass++) warm.push(await appScan(list, dataDir, 0));
    const revalidate: AppPass[] = [];
    for (let pass = 1; pass <= PASSES; pass++)
      revalidate.push(await appScan(list, dataDir, pass * TEN_MINUTES));
    console.log(describePasses(`[${kind}] client cold`, client));
    console.log(describeApp(`[${kind}] app cold`, cold));
    console.log(describeApp(`[${kind}] app warm`, warm));
    console.log(describeApp(`[${kind}] app revalidate`, revalidate));
    const ratio = median(cold.map(imagesPerSecond)) / median(client.map(imagesPerSecond));
    console.log(
      `[${kind}] end-to-end / client-only images/s (medians, cold): ${ratio.toFixed(2)} (goal ≥ 0.85)`,
    );
  } finally {
    await registry.stop();
  }
}

/** The explanation the store keeps for a repository of 1,500 tags (nginx and node have more than 1,000). */
async function whyTable(work: string): Promise<void> {
  const fake = await startFakeRegistry({ pageSize: PAGE_SIZE });
  try {
    const repository = realisticRepository(0, { prefix: 'bench/big-', minTags: 1_500, maxTags: 1_500 });
    const reference = `${fake.host}/${seedRealisticFake(fake, repository).running}`;
    const list = join(work, 'big.txt');
    await writeFile(list, `${reference}\n`);
    const app = createApp({
      dataDir: join(work, 'big'),
      platforms: [new StaticPlatform(list)],
      minimumAgeMs: 0,
    });
    await app.start();
    await app.settled();
    const explanation = app.getImage(reference)?.result?.explanation;
    await app.stop();
    const entries = Array.isArray(explanation) ? explanation.length : 0;
    console.log(
      `why table: ${repository.tags.length} tags (${Math.ceil(repository.tags.length / PAGE_SIZE)} pages) → ${entries} entries stored`,
    );
  } finally {
    await fake.stop();
  }
}

const work = await mkdtemp(join(tmpdir(), 'cupdate-bench-pipeline-'));
try {
  console.log(`data: ${describeData(realisticRepositories(COUNT))}`);
  for (const kind of ['real', 'paged'] as const) await scanBoth(kind, work);
  await whyTable(work);
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(`load: ${load()}`);
