// checkImage alone, at scale (run: `npx tsx bench/oci-check.bench.ts [repositories] [passes]`, under
// the bench lock): every image of the realistic data set (bench/realistic-data.ts; default 200
// repositories of 50-400 tags) checked with 16 in flight, on the real registry (one page per tag
// list) and on the fake one that pages by 100 like Docker Hub. Cold: a fresh client and cache each
// pass; warm: the same client again. Prints images/s, requests/image, our CPU ms/image (min /
// median over the passes) and peak RSS. Targets (versions only): ≤ 2.1 requests/image cold, ≤ 0.2 warm.
import { clientScanner } from './client-scan.js';
import { benchArguments, describePasses, load, measure, type Pass } from './measure.js';
import {
  describeData,
  realisticRepositories,
  startBenchRegistry,
  type RegistryKind,
} from './realistic-data.js';

const { count: COUNT, passes: PASSES } = benchArguments();

console.log(`data: ${describeData(realisticRepositories(COUNT))}`);
for (const kind of ['real', 'paged'] as const satisfies readonly RegistryKind[]) {
  const registry = await startBenchRegistry(kind, COUNT);
  try {
    console.log(`[${kind}] ${registry.description}`);
    const cold: Pass[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      const scanner = clientScanner(registry.references);
      cold.push(await measure(() => scanner.scan()));
      await scanner.close();
    }
    const scanner = clientScanner(registry.references);
    await scanner.scan();
    const warm: Pass[] = [];
    for (let pass = 0; pass < PASSES; pass++) warm.push(await measure(() => scanner.scan()));
    await scanner.close();
    console.log(describePasses(`[${kind}] client cold`, cold));
    console.log(describePasses(`[${kind}] client warm`, warm));
  } finally {
    await registry.stop();
  }
}
console.log(`load: ${load()}`);
