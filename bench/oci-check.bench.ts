// checkImage at scale (run: `npx tsx bench/oci-check.bench.ts [repositories]`): a real registry
// seeded with N repositories (default 1,000; 80% single-platform, 20% two-platform indexes, 3
// tags each, blobs shared so seeding is fast), then one checkImage per repository with bounded
// concurrency, cold (fresh client and cache) and warm (same client again). Prints images/s and
// HTTP requests per image. Targets: ≥ 500 images/s cold, ≤ 2.1 requests/image cold, ≤ 0.2 warm.
import { HttpClient } from '../internal/http/client.js';
import { checkImage } from '../internal/oci/check.js';
import { RegistryClient } from '../internal/oci/client.js';
import { parseReference, type ImageReference } from '../internal/oci/reference.js';
import { buildImage, pushImage, type ImageSpec } from '../test/peers/images.js';
import { startRegistry } from '../test/peers/registry.js';
import { seedManyRepositories } from '../test/peers/seed.js';

const REPOSITORIES = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 32;
const TAGS = ['1.0.0', '1.1.0', '2.0.0'];
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const registry = await startRegistry({ auth: 'none' });
try {
  const indexCount = Math.floor(REPOSITORIES / 5);
  let started = performance.now();
  const singles = await seedManyRepositories(registry, {
    count: REPOSITORIES - indexCount,
    prefix: 'bench/single-',
    tags: TAGS,
  });
  const indexSpec = (salt: string): ImageSpec => ({ format: 'oci', platforms: [AMD64, ARM64], salt });
  const indexes = Array.from({ length: indexCount }, (_, i) => `bench/index-${String(i).padStart(4, '0')}`);
  await forEachBounded(indexes, 8, async (repository) => {
    for (const tag of TAGS) await pushImage(registry, repository, [tag], indexSpec(tag));
  });
  const seedingMs = performance.now() - started;

  // Every repository runs 1.0.0 by digest: the same image everywhere (deterministic builds).
  const singleDigest = buildImage({ format: 'oci', platforms: [AMD64], salt: '1.0.0' }).digest;
  const indexDigest = buildImage(indexSpec('1.0.0')).digest;
  const references: ImageReference[] = [
    ...singles.map((repository) => parseReference(`${registry.host}/${repository}:1.0.0@${singleDigest}`)),
    ...indexes.map((repository) => parseReference(`${registry.host}/${repository}:1.0.0@${indexDigest}`)),
  ];

  const http = new HttpClient({ perHostConcurrency: CONCURRENCY });
  const client = new RegistryClient({ http });
  const pass = async (label: string) => {
    const before = http.stats().requests;
    // Our own CPU time: tells whether the client or the registry (a separate process) is the limit.
    const cpuBefore = process.cpuUsage();
    let updates = 0;
    started = performance.now();
    await forEachBounded(references, CONCURRENCY, async (reference) => {
      const result = await checkImage(client, reference, { platform: AMD64 });
      if (result.updates.latest !== null) updates++;
      if (result.sameTagChanged) throw new Error(`false "tag changed" for ${reference.toString()}`);
    });
    const ms = performance.now() - started;
    const requests = http.stats().requests - before;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${label}: ${references.length} images in ${ms.toFixed(0)} ms = ${((references.length / ms) * 1000).toFixed(0)} images/s, ` +
        `${(requests / references.length).toFixed(2)} requests/image, ${updates} with updates, ` +
        `client CPU ${(cpuMs / references.length).toFixed(2)} ms/image`,
    );
  };
  console.log(
    `seeding: ${references.length} repositories × ${TAGS.length} tags (${indexCount} indexes) in ${seedingMs.toFixed(0)} ms`,
  );
  await pass('cold');
  await pass('warm');
  await http.close();
} finally {
  await registry.stop();
}
