// Prints how long seeding takes (run: `npx tsx test/peers/measure-seeding.ts [count]`): the
// standard fixtures, then `count` (default 1000) repositories × 3 tags, on a registry without auth
// and one with token auth. Numbers, not assertions: docs/testing.md quotes them.
import { startRegistry, type RegistryAuth } from './registry.js';
import { seedManyRepositories, seedStandard } from './seed.js';

const count = Number(process.argv[2] ?? 1000);

async function measure(auth: RegistryAuth): Promise<void> {
  let started = performance.now();
  const registry = await startRegistry({ auth });
  const startMs = performance.now() - started;
  try {
    started = performance.now();
    await seedStandard(registry);
    const standardMs = performance.now() - started;
    started = performance.now();
    await seedManyRepositories(registry, { count });
    const manyMs = performance.now() - started;
    const tokens = registry.tokenServer ? ` tokens=${(await registry.tokenServer.stats()).issued}` : '';
    console.log(
      `auth=${auth} start=${startMs.toFixed(0)}ms standard=${standardMs.toFixed(0)}ms ` +
        `${count}x3=${manyMs.toFixed(0)}ms (${((count * 3) / (manyMs / 1000)).toFixed(0)} images/s)${tokens}`,
    );
  } finally {
    await registry.stop();
  }
}

for (const auth of ['none', 'token'] as const) await measure(auth);
