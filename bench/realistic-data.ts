// The data both scan benchmarks run on (oci-check.bench.ts: the client alone; pipeline.bench.ts:
// the app end to end): realistic repositories (test/peers/realistic-repositories.ts: 50-400 tags
// each, mixing precisions, suffixes, prereleases, dates and commit hashes; 20% two-platform
// indexes; 10% with the running tag rebuilt), each running an older version by digest.
//
// Two registries hold the same repositories:
// - `real`: Debian's docker-registry 2.8, which lists every tag on one page. Seeding it takes
//   about a minute (tens of thousands of tag PUTs), so its data directory is kept under the
//   system temp directory and reused by later runs with the same repositories.
// - `paged`: the fake registry (test/fakes/fake-registry.ts) listing 100 tags per page with a
//   `Link` header, as Docker Hub, GHCR and distribution v3 do; in memory, seeded at once.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRegistry } from '../test/fakes/fake-registry.js';
import { realisticRepository, type RealisticRepository } from '../test/peers/realistic-repositories.js';
import { startRegistry } from '../test/peers/registry.js';
import { seedRealisticFake, seedRealisticRepository, type SeededRealistic } from '../test/peers/seed.js';
import { forEachBounded } from './measure.js';

export type RegistryKind = 'real' | 'paged';

export interface BenchRegistry {
  readonly kind: RegistryKind;
  /** What the numbers printed for it come from. */
  readonly description: string;
  readonly host: string;
  /** Every running image, `<host>/<repository>:<tag>@<digest>`. */
  readonly references: readonly string[];
  readonly repositories: readonly RealisticRepository[];
  stop(): Promise<void>;
}

/** Bump when the seeded data changes shape: the kept registry data is then seeded again. */
const DATA_VERSION = 1;
export const PAGE_SIZE = 100;

export function realisticRepositories(count: number): RealisticRepository[] {
  return Array.from({ length: count }, (_, index) => realisticRepository(index, { prefix: 'bench/app-' }));
}

export function describeData(repositories: readonly RealisticRepository[]): string {
  const counts = repositories.map((repository) => repository.tags.length);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const indexes = repositories.filter((repository) => repository.multiPlatform).length;
  const rebuilt = repositories.filter((repository) => repository.rebuilt).length;
  return (
    `${repositories.length} repositories, ${total.toLocaleString('en')} tags ` +
    `(${Math.min(...counts)}-${Math.max(...counts)}, mean ${Math.round(total / repositories.length)}), ` +
    `${indexes} two-platform indexes, ${rebuilt} with the running tag rebuilt`
  );
}

export async function startBenchRegistry(kind: RegistryKind, count: number): Promise<BenchRegistry> {
  const repositories = realisticRepositories(count);
  if (kind === 'paged') {
    const fake = await startFakeRegistry({ pageSize: PAGE_SIZE, linkStyle: 'relative' });
    const seeded = repositories.map((repository) => seedRealisticFake(fake, repository));
    return {
      kind,
      description: `fake registry, ${PAGE_SIZE} tags per page (Link: rel="next"), in this process`,
      host: fake.host,
      references: seeded.map((image) => `${fake.host}/${image.running}`),
      repositories,
      stop: () => fake.stop(),
    };
  }
  const dataDir = join(tmpdir(), `cupdate-bench-realistic-v${DATA_VERSION}-${count}`);
  const manifest = join(dataDir, 'seeded.json');
  const seededBefore = existsSync(manifest);
  if (!seededBefore) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const registry = await startRegistry({ auth: 'none', dataDir: join(dataDir, 'registry') });
  try {
    let seeded: SeededRealistic[];
    if (seededBefore) {
      seeded = JSON.parse(await readFile(manifest, 'utf8')) as SeededRealistic[];
    } else {
      const started = performance.now();
      seeded = [];
      await forEachBounded(repositories, 4, async (repository) => {
        seeded.push(await seedRealisticRepository({ url: registry.url }, repository));
      });
      seeded.sort((a, b) => (a.running < b.running ? -1 : 1));
      await writeFile(manifest, JSON.stringify(seeded));
      console.log(
        `seeded the real registry in ${((performance.now() - started) / 1000).toFixed(0)} s (kept in ${dataDir})`,
      );
    }
    return {
      kind,
      description: 'docker-registry 2.8 (Debian), one page per tag list, separate process',
      host: registry.host,
      references: seeded.map((image) => `${registry.host}/${image.running}`),
      repositories,
      stop: () => registry.stop(),
    };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}
