// The renderer served by the headless host (`startServe`), backed by the real core watching a real
// dockerd and a real registry, driven in Debian's Chromium. Every wait is on a condition (the page
// or the store reaching a state), never a fixed sleep: this machine has 2 loaded cores.
import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from './browser.js';
import {
  appUnderTestUnavailable,
  buildRenderer,
  settled,
  startAppUnderTest,
  type AppUnderTest,
} from './app-under-test.js';
import { HOSTILE_NOTES, injectReleaseNote } from './release-note.js';

const unavailable = appUnderTestUnavailable();
const SCREENSHOTS = new URL('../../.artifacts/screenshots/', import.meta.url).pathname;
const WAIT = { timeout: 30_000, interval: 200 };
/** Longer than WAIT, so a wait that runs out reports what it saw rather than a bare test timeout. */
const TEST_TIMEOUT = 90_000;
/** The docker container's image and the three images of the first list. */
const IMAGES_AT_START = 4;

describe.skipIf(unavailable !== null)(
  `the UI on a real core, dockerd and registry in Chromium (skipped when: ${unavailable ?? 'n/a'})`,
  { timeout: TEST_TIMEOUT },
  () => {
    let app: AppUnderTest;
    let browser: BrowserSession;
    let page: Page;

    const open = async (hash: string) => {
      await page.goto(`${app.url}/${hash}`);
      await page.waitForSelector('main');
    };
    const screenshot = (name: string) =>
      page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    /** The graph's status line: "N nodes · …". */
    const graphNodeCount = async () =>
      Number(/(\d+) nodes/.exec((await page.locator('.graph-view').innerText()) ?? '')?.[1] ?? NaN);

    beforeAll(async () => {
      await mkdir(SCREENSHOTS, { recursive: true });
      await buildRenderer();
      app = await startAppUnderTest();
      await settled(app, IMAGES_AT_START);
      browser = await openBrowser();
      page = browser.page;
      // As a user does: the link serve printed, once; its cookie carries the token from then on.
      await page.goto(app.signInUrl);
      expect(new URL(page.url()).search).toBe('');
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    }, 60_000);

    it('the dashboard shows the counts the store has', async () => {
      await open('#/');
      const summary = app.session.summary();
      expect(summary.total).toBe(IMAGES_AT_START);
      const stat = (label: string) =>
        page
          .locator('section[aria-label="Counts"] .stat', {
            has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }),
          })
          .locator('.value');
      await expect.poll(() => stat('Images').innerText(), WAIT).toBe(String(summary.total));
      expect(await stat('Major').innerText()).toBe(String(summary.outdated.major));
      expect(await stat('Minor').innerText()).toBe(String(summary.outdated.minor));
      expect(await stat('Patch').innerText()).toBe(String(summary.outdated.patch));
      expect(await stat('Digest').innerText()).toBe(String(summary.outdated.digest));
      expect(await stat('Failed').innerText()).toBe(String(summary.failed));
      // The fixtures have real updates: single-oci 1.0.0 → 2.0.0 is major, runnable 1.0 → 1.1 minor.
      expect(summary.outdated.major).toBeGreaterThanOrEqual(1);
      expect(summary.outdated.minor).toBeGreaterThanOrEqual(1);
      await screenshot('dashboard');
    });

    it('a container started during the test appears on the graph without a reload', async () => {
      await open('#/graph');
      await expect.poll(graphNodeCount, WAIT).toBeGreaterThan(0);
      const before = await graphNodeCount();
      await page.evaluate(
        () => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true),
      );
      await app.runContainer('late-arrival', app.ref('fixtures/runnable', '1.1'));
      await expect.poll(graphNodeCount, WAIT).toBeGreaterThan(before);
      expect(
        await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument),
      ).toBe(true);
      await screenshot('graph');
    });

    it('search and tag filters on the images page list what the store lists', async () => {
      await open('#/images');
      const query = { sort: 'name', order: 'asc', limit: 100, offset: 0 } as const;
      /** The references of the rows shown, from their links (`#/images/<encoded reference>`). */
      const shown = async () =>
        (
          await page
            .locator('a.line')
            .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
        )
          .map((href) => decodeURIComponent(href.replace('#/images/', '')))
          .sort();
      const listed = (extra: object) =>
        app.session
          .listImages({ ...query, ...extra })
          .items.map((item) => item.reference)
          .sort();
      await expect.poll(shown, WAIT).toEqual(listed({}));
      await screenshot('images');

      await page.getByLabel('Search images').fill('single-docker');
      await expect.poll(shown, WAIT).toEqual([app.ref('fixtures/single-docker', '1.24')]);

      await page.getByLabel('Search images').fill('');
      await expect.poll(shown, WAIT).toEqual(listed({}));
      // A tag that some images have and others do not, so the filter visibly narrows the list.
      const chips = page.locator('[aria-label="Tag filters"] button.chip');
      const all = listed({});
      const tags = (await chips.allInnerTexts()).map((text) => text.trim());
      const tag = tags.find((candidate) => {
        const count = listed({ tags: { all: [candidate] } }).length;
        return count > 0 && count < all.length;
      });
      expect(tag, `a narrowing tag among ${tags.join(', ')}`).toBeDefined();
      await chips.nth(tags.indexOf(tag ?? '')).click();
      const filtered = listed({ tags: { all: [tag ?? ''] } });
      await expect.poll(shown, WAIT).toEqual(filtered);
      await screenshot('images-filtered');
    });

    it('an image page shows its explanation and sanitized release notes; no script in them runs', async () => {
      const reference = app.ref('fixtures/single-oci', '1.0.0');
      injectReleaseNote(app.dataDir, reference, {
        version: '2.0.0',
        title: 'Version 2.0.0 <script>window.__pwned = "title"</script>',
        body: HOSTILE_NOTES,
        url: 'https://example.com/releases/2.0.0',
      });
      await open(`#/images/${encodeURIComponent(reference)}`);
      const notes = page.locator('section', { has: page.getByRole('heading', { name: /Release notes/ }) });
      await expect.poll(() => notes.locator('strong', { hasText: 'safe to read' }).count(), WAIT).toBe(1);
      expect(
        await page.evaluate(() => (globalThis as unknown as { __pwned?: string }).__pwned),
      ).toBeUndefined();
      expect(await notes.locator('script, iframe, [onerror]').count()).toBe(0);
      expect(await notes.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await notes.innerText()).toContain('Version 2.0.0'); // the title is shown as text
      // The explanation of the decision: the versions that were kept or dropped, and why.
      const explanation = page.locator('section', {
        has: page.getByRole('heading', { name: /xplanation|Why/ }),
      });
      await expect.poll(() => explanation.innerText(), WAIT).toContain('2.0.0');
      // Chromium reports "inline event handler blocked by CSP" for an onerror= attribute even in an
      // inert document (DOMParser, <template>: checked with a probe page), so DOMPurify's own parse
      // of the hostile note logs those two; what matters is that nothing ran and no uncaught error.
      expect(
        browser.problems.filter((problem) => !problem.includes('Executing inline event handler')),
      ).toEqual([]);
      browser.problems.length = 0;
      await screenshot('image');
    });

    it('the export page previews the report and saves exactly what it previews', async () => {
      await open('#/report');
      const preview = page.getByLabel('Report preview');
      await expect.poll(() => preview.innerText(), WAIT).toContain('fixtures/single-oci');
      expect(await preview.innerText()).toContain('<!doctype html>'); // HTML by default, shown as text
      await page.getByLabel('Format').selectOption('csv');
      await expect.poll(() => preview.innerText(), WAIT).toMatch(/^\uFEFF?image,reference,/);
      await screenshot('export');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /^Save cupdate-report-/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^cupdate-report-\d{4}-\d\d-\d\d\.csv$/);
      const saved = await readFile((await download.path()) ?? '', 'utf8');
      expect(saved).toBe(await preview.innerText());
      expect(browser.problems).toEqual([]);
    });

    it('a context switch re-draws the graph with the new platforms', async () => {
      await open('#/graph');
      const coreNodes = () => app.session.snapshot().graph.nodes.length;
      await expect.poll(graphNodeCount, WAIT).toBeGreaterThan(0);
      const coreBefore = coreNodes();
      const drawnBefore = await graphNodeCount();
      await app.session.selectPlatforms(app.selection('second'));
      // One list replaces the other (one image instead of three): once the new platforms have
      // reported, the drawing has lost exactly the nodes the core's graph lost, with no reload.
      const deltas = async () => {
        const core = coreNodes();
        return {
          coreReported: core > 0,
          drawnLost: drawnBefore - (await graphNodeCount()),
          coreLost: coreBefore - core,
        };
      };
      await expect
        .poll(async () => {
          const { coreReported, drawnLost, coreLost } = await deltas();
          return coreReported && coreLost > 0 && drawnLost === coreLost;
        }, WAIT)
        .toBe(true);
      await screenshot('graph-after-switch');
    });

    it('every page renders with no uncaught error and no CSP violation', async () => {
      for (const [name, hash] of [
        ['platforms', '#/platforms'],
        ['settings', '#/settings'],
        ['welcome', '#/welcome'],
        ['not-found', '#/no-such-page'],
      ] as const) {
        await open(hash);
        await expect.poll(() => page.locator('main').innerText(), WAIT).not.toBe('');
        await screenshot(name);
      }
      expect(browser.problems).toEqual([]);
    });
  },
);
