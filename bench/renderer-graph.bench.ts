// The graph view in Debian's Chromium, on the renderer's real stores (bench/renderer/: a fake
// bridge answers the snapshot with a synthetic fleet and sends numbered graph-patch events). Builds
// the page with Vite, opens it through playwright-core and prints
//   - time to first paint of a 5,000-image snapshot (page load → graph painted), min/median over
//     BENCH_PASSES fresh pages (default 5), against the same page with an empty snapshot (the
//     page's fixed cost, measured in the same run) as a ratio,
//   - layout + draw time at 1,000 and 5,000 images (our work, then Cytoscape's canvas draw),
//   - the cost of applying a graph-patch event (one pod added: delivery through the live feed and
//     the graph store, then the view's redraw of what changed), p50/p95 over 100 events, per pass,
//   - bytes per streamed graph-patch event (its JSON),
// and saves a screenshot of a ~300-node graph to .artifacts/screenshots/graph-bench.png.
// Targets (docs/graph-view.md): graph ≤ 1.5 s at 5,000, patch ≤ 16 ms, event ≤ 1 KB.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { DEFAULT_NODE_BUDGET } from '../renderer/src/graph/reduce.js';
import type { GraphMeasure } from '../renderer/src/graph/types.js';
import { openBrowser } from '../test/e2e/browser.js';
import { serveDirectory } from './renderer/static-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = join(root, 'bench', 'renderer');
const outDir = join(root, '.artifacts', 'bench-renderer');
const screenshot = join(root, '.artifacts', 'screenshots', 'graph-bench.png');
const VIEWPORT = { width: 1600, height: 1000 };
const PASSES = Math.max(1, Number(process.env.BENCH_PASSES ?? '5'));

interface BenchWindow {
  graphBench: {
    generationMs: number;
    measures: GraphMeasure[];
    patch(n: number): Promise<GraphMeasure>;
    patchEvent(n: number): unknown;
  };
}

await build({
  root: pageDir,
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [svelte()],
  build: { outDir, emptyOutDir: true },
});
const server = await serveDirectory(outDir);
const browser = await openBrowser();
try {
  await run(browser.context);
} finally {
  await browser.close();
  await server.close();
}

async function run(context: BrowserContext): Promise<void> {
  console.log(`load before: ${uptime()}`);
  const empty: number[] = [];
  const full: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [images, times] of [
      [0, empty],
      [5000, full],
    ] as const) {
      const first = await open(context, images, DEFAULT_NODE_BUDGET);
      times.push(first.paintedAt);
      if (images > 0 && pass === 0) {
        console.log(`  (synthetic model ${ms(first.generationMs)}, ${first.draw.nodes} nodes drawn)`);
        console.log(
          first.isolated
            ? '  (cross-origin isolated: timings to 5 µs)'
            : '  (NOT cross-origin isolated: Chromium rounds timings to 0.1 ms)',
        );
      }
      await first.page.close();
    }
  }
  console.log(`first paint, empty snapshot (the page's fixed cost): ${spread(empty)}`);
  console.log(
    `first paint, 5,000-image snapshot: ${spread(full)}; ` +
      `${(median(full) / median(empty)).toFixed(2)}× the empty page (medians)`,
  );

  // Budget 6,000 draws the 5,000-image fleet with pods folded but every namespace open.
  for (const [images, budget] of [
    [1000, DEFAULT_NODE_BUDGET],
    [5000, 1000],
    [5000, DEFAULT_NODE_BUDGET],
    [5000, 6000],
  ] as const) {
    const { page, draw } = await open(context, images, budget);
    console.log(
      `layout + draw, ${images} images, budget ${budget}: ${ms(draw.work + draw.paint)} ` +
        `(layout and elements ${ms(draw.work)}, canvas ${ms(draw.paint)}; ${draw.nodes} nodes drawn)`,
    );
    await page.close();
  }

  const p50s: number[] = [];
  const p95s: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const { page } = await open(context, 5000, DEFAULT_NODE_BUDGET);
    const work = await patches(page);
    p50s.push(percentile(work, 50));
    p95s.push(percentile(work, 95));
    if (pass === 0) await eventBytes(page);
    await page.close();
  }
  console.log(`patch apply over ${PASSES} passes: p50 ${spread(p50s)}; p95 ${spread(p95s)}`);

  const small = await open(context, 80, DEFAULT_NODE_BUDGET);
  await mkdir(dirname(screenshot), { recursive: true });
  await small.page.screenshot({ path: screenshot });
  console.log(`screenshot of ${small.draw.nodes} nodes: ${screenshot}`);
  await small.page.close();
  console.log(`load after: ${uptime()}`);
}

/** Loads the page for a graph size and waits for the first drawing to be painted. */
async function open(context: BrowserContext, images: number, budget: number) {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.url}?images=${images}&budget=${budget}`);
  const drawn = page.waitForFunction(
    () => (globalThis as unknown as BenchWindow).graphBench?.measures.length > 0,
    null,
    {
      timeout: 120_000,
    },
  );
  await Promise.race([drawn, failed(page, problems)]);
  const result = await page.evaluate(() => {
    const bench = (globalThis as unknown as BenchWindow).graphBench;
    return {
      draw: bench.measures[0]!,
      generationMs: bench.generationMs,
      paintedAt: performance.now(),
      isolated: (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated,
    };
  });
  if (problems.length > 0) throw new Error(`the bench page reported problems:\n${problems.join('\n')}`);
  return { page, ...result };
}

/** 100 graph-patch events of one added pod each, one after another, each painted before the next; their work. */
async function patches(page: Page): Promise<number[]> {
  const measures = await page.evaluate(async () => {
    const bench = (globalThis as unknown as BenchWindow).graphBench;
    const all: GraphMeasure[] = [];
    for (let n = 0; n < 100; n++) all.push(await bench.patch(n));
    return all;
  });
  const work = measures.map((m) => m.work);
  const total = measures.map((m) => m.work + m.paint);
  console.log(
    `patch apply (one pod added), 100 events: p50 ${ms(percentile(work, 50))}, p95 ${ms(percentile(work, 95))}, ` +
      `mean ${ms(mean(work))}; ` +
      `with the canvas draw: p50 ${ms(percentile(total, 50))}, p95 ${ms(percentile(total, 95))}`,
  );
  return work;
}

async function eventBytes(page: Page): Promise<void> {
  const event = await page.evaluate(() => (globalThis as unknown as BenchWindow).graphBench.patchEvent(3));
  console.log(
    `bytes per graph-patch event (one pod added, JSON): ${Buffer.byteLength(JSON.stringify(event))}`,
  );
}

/** Rejects as soon as the page logs an error, so a broken page fails fast and says why. */
function failed(page: Page, problems: string[]): Promise<never> {
  return new Promise((_, reject) => {
    const check = () =>
      problems.length > 0 ? reject(new Error(`the bench page failed:\n${problems.join('\n')}`)) : undefined;
    page.on('console', check);
    page.on('pageerror', check);
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** `min … median` of several passes. */
function spread(values: readonly number[]): string {
  return `min ${ms(Math.min(...values))}, median ${ms(median(values))} (${values.length} passes)`;
}

/** Two decimals below 10 ms: a patch costs about a millisecond, and the page times to 5 µs. */
function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}
