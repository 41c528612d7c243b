// How long tag versioning takes over a large repository: explain/updates/latest over 5,000 tags
// (Docker Hub's busiest repositories have a few thousand tags). Prints numbers; asserts nothing.
// Run: npx tsx bench/version.bench.ts

import { loadavg } from 'node:os';
import { explain, latest, updates } from '../internal/version/docker.js';
import { randomTags } from '../internal/version/fixtures/random-tags.js';
import type { Rules } from '../internal/version/rules.js';
import { TagPattern } from '../internal/model/tag-pattern.js';

const tagCount = 5000;
const rounds = 200;
const tags = randomTags(tagCount, 42);
const cases: readonly [string, string, Rules][] = [
  ['1.2.3, no rules', '1.2.3', {}],
  ['3.12.1-slim-bookworm, no rules', '3.12.1-slim-bookworm', {}],
  [
    '1.2.3, all rules',
    '1.2.3',
    {
      stayOnCurrentMajor: true,
      stayBelow: '2',
      include: [TagPattern.parse('^v?1')],
      exclude: [TagPattern.parse('rc')],
    },
  ],
];

/** Wall time and this process's CPU time per call: on a shared machine the CPU time is the steadier. */
function millisecondsPerCall(run: () => unknown): string {
  for (let i = 0; i < 20; i += 1) run(); // warm up the JIT
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < rounds; i += 1) run();
  const cpu = process.cpuUsage(cpuStart);
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e6 / rounds;
  return `${wall.toFixed(2)} ms (cpu ${((cpu.user + cpu.system) / 1e3 / rounds).toFixed(2)} ms)`;
}

const [load] = loadavg();
console.log(
  `tag versioning over ${tagCount} tags, mean of ${rounds} calls (Node ${process.version}, load ${load?.toFixed(1)})`,
);
for (const [name, current, rules] of cases) {
  const explainMs = millisecondsPerCall(() => explain(current, tags, rules));
  const updatesMs = millisecondsPerCall(() => updates(current, tags, rules));
  const latestMs = millisecondsPerCall(() => latest(current, tags, rules));
  console.log(`${name.padEnd(32)} explain ${explainMs}  updates ${updatesMs}  latest ${latestMs}`);
}
