// Cold start of the app (issue 10, item 8; docs/pipeline.md, "Start-up"): from launching `cupdate
// serve` on the data directory of a previous run (5,000 images, checked an hour ago, in 10 static
// lists of 500) to the snapshot painted in Debian's Chromium (playwright-core), min and median of
// several passes. Printed for the dashboard (the page a start lands on: its image count reads
// 5,000) and for the graph view (its first drawing painted). Beside them, measured in the same run:
// `node -e 0` (starting Node) and Chromium loading and painting a blank local page (the browser's
// floor). Chromium is launched once, before the passes: what is timed is the app, not the browser.
// Goal: ≤ 1 s to the painted dashboard.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/cold-start.bench.ts
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import type { PlatformEvent } from '../internal/platform/platform.js';
import { StaticPlatform } from '../internal/platform/static/static-platform.js';
import { openStore } from '../internal/store/store.js';
import { processedDone } from '../internal/store/testing/sample-data.js';
import type { UpdateKind } from '../internal/model/image.js';
import { chromiumAvailable, openBrowser } from '../test/e2e/browser.js';
import { buildCoreAndRenderer, describe, load, runNode, spread } from './startup/measure.js';

const ROOT = join(import.meta.dirname, '..');
const CUPDATE = join(ROOT, 'scripts', 'cupdate.mjs');
const ENV = { ...process.env, KUBECONFIG: '/nonexistent', DOCKER_HOST: '' };
const LISTS = 10;
const PER_LIST = 500;
const PASSES = 5;
const KINDS: readonly UpdateKind[] = ['major', 'minor', 'patch', 'digest', 'none'];
const NAMES = ['nginx', 'postgres', 'redis', 'grafana', 'prometheus', 'traefik', 'api', 'worker'];

const unavailable = chromiumAvailable();
if (unavailable !== null) throw new Error(`the cold-start bench needs Chromium: ${unavailable}`);

/**
 * The page of the app at `route`, from the URL `serve` printed. The one place the bench navigates:
 * when serve's URL carries a per-start token, it is kept here as it was printed.
 */
function appUrl(printed: string, route: string): string {
  const url = new URL(printed);
  url.hash = route;
  return url.href;
}

/** The page's globals the bench reads (this project's type-check has no DOM library). */
interface PageGlobals {
  requestAnimationFrame(callback: () => void): number;
  readonly document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
}
interface PageElement {
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
}

/** Resolves once two animation frames have passed: what was rendered before is on screen. */
function painted(page: Page): Promise<void> {
  return page.evaluate(() => {
    const { requestAnimationFrame } = globalThis as unknown as PageGlobals;
    return new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
}

function reference(list: number, i: number): string {
  const n = list * PER_LIST + i;
  return `registry${n % 7}.test/team-${n % 50}/${NAMES[n % NAMES.length]}-${n}:${1 + (n % 9)}.${n % 13}.0`;
}

/** The data directory a run over the lists leaves: the lists' graphs and every image checked. */
async function previousRun(dir: string): Promise<string[]> {
  const lists: string[] = [];
  const store = openStore(join(dir, 'data', 'cupdate.db'));
  try {
    const checkedAt = Date.now() - 3_600_000; // an hour ago: not due again (minimum age 6 h)
    for (let list = 0; list < LISTS; list++) {
      const path = join(dir, `list-${list}.txt`);
      const references = Array.from({ length: PER_LIST }, (_, i) => reference(list, i));
      await writeFile(path, `${references.join('\n')}\n`);
      lists.push(path);
      // The graph exactly as the list platform emits it.
      const platform = new StaticPlatform(path);
      const events: PlatformEvent[] = [];
      const stop = new AbortController();
      await platform.start((event) => events.push(event), stop.signal);
      stop.abort();
      await platform.stop();
      const graph = events.find((event) => event.type === 'graph');
      if (graph?.type !== 'graph') throw new Error(`${path}: the list platform emitted no graph`);
      store.replacePlatformGraph(platform.id, graph.nodes, graph.edges);
      references.forEach((ref, i) =>
        store.saveProcessed(
          processedDone(ref, KINDS[i % KINDS.length] ?? 'none', { at: checkedAt, notes: 2 }),
        ),
      );
    }
  } finally {
    store.close();
  }
  return lists;
}

/** Starts serve; resolves with the URL it printed, and a function that stops it (SIGTERM). */
async function startServe(args: readonly string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CUPDATE, 'serve', ...args], {
    env: ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((done) => child.on('exit', done));
  let stderr = '';
  const url = await new Promise<string>((ready, fail) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const printed = /serving on (\S+)/.exec(stderr)?.[1];
      if (printed !== undefined) ready(printed);
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

console.log(load());
buildCoreAndRenderer();

const dir = await mkdtemp(join(tmpdir(), 'cupdate-cold-start-'));
const blank = createServer((_request, response) =>
  response
    .writeHead(200, { 'content-type': 'text/html' })
    .end('<!doctype html><title>blank</title><p>blank</p>'),
);
await new Promise<void>((done) => blank.listen(0, '127.0.0.1', done));
const browser = await openBrowser();
try {
  const lists = await previousRun(dir);
  const args = [
    '--port',
    '0',
    '--data-dir',
    join(dir, 'data'),
    '--no-sources',
    ...lists.flatMap((list) => ['--list', list]),
  ];
  const times = {
    node: [] as number[],
    blank: [] as number[],
    ready: [] as number[],
    dashboard: [] as number[],
    graph: [] as number[],
  };
  const page = browser.page;
  await page.goto(`http://127.0.0.1:${(blank.address() as AddressInfo).port}/`); // warm the browser

  for (let pass = 0; pass < PASSES; pass++) {
    times.node.push((await runNode(['-e', '0'], ENV)).wallMs);

    const blankStart = performance.now();
    await page.goto(`http://127.0.0.1:${(blank.address() as AddressInfo).port}/?pass=${pass}`);
    await painted(page);
    times.blank.push(performance.now() - blankStart);

    for (const route of ['#/', '#/graph'] as const) {
      await page.goto('about:blank');
      const started = performance.now();
      const serve = await startServe(args);
      try {
        if (route === '#/') times.ready.push(performance.now() - started);
        await page.goto(appUrl(serve.url, route));
        if (route === '#/') {
          await page.waitForFunction(
            (expected) => {
              const { document } = globalThis as unknown as PageGlobals;
              for (const stat of document.querySelectorAll('section[aria-label="Counts"] .stat')) {
                const label = stat.querySelector('.label')?.textContent?.trim();
                const value = stat.querySelector('.value')?.textContent?.replace(/\D/g, '');
                if (label === 'Images') return value === String(expected);
              }
              return false;
            },
            LISTS * PER_LIST,
            { timeout: 60_000, polling: 'raf' },
          );
        } else {
          await page.waitForFunction(
            () => {
              const { document } = globalThis as unknown as PageGlobals;
              const status = document.querySelector('.graph-view')?.textContent ?? '';
              return Number(/(\d+) nodes/.exec(status)?.[1] ?? 0) > 0;
            },
            null,
            { timeout: 60_000, polling: 'raf' },
          );
        }
        await painted(page);
        times[route === '#/' ? 'dashboard' : 'graph'].push(performance.now() - started);
      } finally {
        await serve.stop();
      }
    }
  }

  const node = { name: 'node -e 0', spread: spread(times.node) };
  const floor = { name: 'blank page', spread: spread(times.blank) };
  console.log(`node -e 0: ${describe(node.spread, 'ms')}`);
  console.log(
    `Chromium, a blank local page loaded and painted (the browser's floor): ${describe(floor.spread, 'ms')}`,
  );
  console.log(
    `serve launched → "serving on" (5,000 images in the data dir): ${describe(spread(times.ready), 'ms', node)}`,
  );
  console.log(
    `serve launched → dashboard painted, reading 5,000 images: ${describe(spread(times.dashboard), 'ms', floor)}`,
  );
  console.log(`serve launched → graph view painted: ${describe(spread(times.graph), 'ms', floor)}`);
  if (browser.problems.length > 0) console.log(`the page reported problems:\n${browser.problems.join('\n')}`);
} finally {
  await browser.close();
  await new Promise((done) => blank.close(done));
  await rm(dir, { recursive: true, force: true });
}
console.log(load());
