// What linear-time tag patterns (internal/version/tag-pattern.ts, re2js) cost against V8's RegExp,
// and what the worst pattern the limits let through costs. Prints numbers; asserts nothing.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/tag-pattern.bench.ts
//
// 1. Ordinary filters over a repository's 500 realistic tags: TagPattern against RegExp (a ratio,
//    both measured in this run).
// 2. Issue 15's label `^(\S*){300}!$`: RegExp's time on ever longer tags (it doubles and more per
//    character; stopped past 0.5 s), and TagPattern's time to refuse it.
// 3. The most expensive patterns the limits accept, over 500 hostile 128-character tags (a hostile
//    registry can serve those): the bound a label author can impose per check.
import { execFileSync } from 'node:child_process';
import { randomTags } from '../internal/version/fixtures/random-tags.js';
import { TagPattern } from '../internal/model/tag-pattern.js';

const PASSES = 7;

/** Min and median wall time of `run` over PASSES passes, in ms. */
function measure(run: () => unknown): { min: number; median: number } {
  run(); // warm up the JIT
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass += 1) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { min: times[0] ?? NaN, median: times[Math.floor(times.length / 2)] ?? NaN };
}

const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;

console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
console.log(`Node ${process.version}; min / median of ${PASSES} passes\n`);

const tags = randomTags(500, 7);
console.log('1. ordinary filters over 500 realistic tags (all tags tested once per pass)');
for (const source of ['^v?1', 'rc', '^\\d+\\.\\d+\\.\\d+$', '-alpine$', '^(latest|stable|edge|nightly)$']) {
  const regexp = new RegExp(source);
  const pattern = TagPattern.parse(source);
  const agree = tags.every((tag) => regexp.test(tag) === pattern.test(tag));
  const js = measure(() => tags.filter((tag) => regexp.test(tag)));
  const re2 = measure(() => tags.filter((tag) => pattern.test(tag)));
  console.log(
    `   ${source.padEnd(34)} RegExp ${ms(js.min)} / ${ms(js.median)}   TagPattern ${ms(re2.min)} / ${ms(re2.median)}` +
      `   ratio (median) ${(re2.median / js.median).toFixed(1)}x   same answers: ${agree}`,
  );
}

console.log("\n2. issue 15's label ^(\\S*){300}!$ on one tag of n characters");
const redos = /^(\S*){300}!$/;
for (let length = 1; length <= 40; length += 1) {
  const tag = 'a'.repeat(length);
  const start = process.hrtime.bigint();
  redos.test(tag);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`   RegExp, n = ${String(length).padStart(2)}: ${ms(elapsed)}`);
  if (elapsed > 500) {
    console.log('   (stopped: each further character multiplies the time)');
    break;
  }
}
const refusal = measure(() => {
  try {
    TagPattern.parse('^(\\S*){300}!$');
  } catch {
    // refused: that is the point
  }
});
console.log(`   TagPattern refuses it (too complex): ${ms(refusal.min)} / ${ms(refusal.median)}`);

console.log('\n3. the costliest accepted patterns over 500 hostile 128-character tags');
// A '!' mid-tag: the literal prefilter cannot skip the tag, so the whole program runs over it.
const hostile = Array.from(
  { length: 500 },
  (_, index) => `${'a'.repeat(63)}!${'a'.repeat(57)}${String(index).padStart(7, '0')}`,
);
for (const source of ['(\\S*){249}!$', '(\\pL|\\pN){332}', '(a|aa|aaa|b|bb){70}$', '^(a+)+$']) {
  const pattern = TagPattern.parse(source);
  const time = measure(() => hostile.filter((tag) => pattern.test(tag)));
  console.log(
    `   ${source.padEnd(24)} ${ms(time.min)} / ${ms(time.median)} for 500 tags` +
      ` (${ms(time.median / 500)} a tag)`,
  );
}
