// Hostile text from registries, release feeds and labels renders inert in every format. The HTML is
// loaded in Debian's Chromium (playwright-core): no script may run and no request may leave the page.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { marked } from 'marked';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../internal/report/build-report.js';
import { render as renderCsv } from '../../internal/report/csv.js';
import { render as renderHtml } from '../../internal/report/html.js';
import { parseReportJson, render as renderJson } from '../../internal/report/json.js';
import { markdownDestination } from '../../internal/report/markdown-escape.js';
import { render as renderMarkdown } from '../../internal/report/markdown.js';
import type { Report } from '../../internal/report/model.js';
import { chromiumAvailable, openBrowser, type BrowserSession } from '../e2e/browser.js';
import { parseCsv } from './csv-parse.js';
import { fixedRequest, fixedSource } from './fixture.js';
import { HOSTILE_PLATFORMS, PAYLOADS, hostileSource } from './injection-fixture.js';

const SCREENSHOT = join(import.meta.dirname, '../../.artifacts/screenshots/report.png');
const report: Report = buildReport(hostileSource(), {
  ...fixedRequest(),
  platforms: HOSTILE_PLATFORMS,
  comparison: { kind: 'history', since: 0 },
});

describe('hostile text in a report', () => {
  it('stays literal Markdown: GFM makes no script, HTML tag, javascript: link or extra table cell of it', async () => {
    const html = await marked.parse(renderMarkdown(report), { gfm: true });
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    // The only links are the release notes' own http(s) addresses: text makes none (not even GFM autolinks).
    const noteUrls = report.images.flatMap((image) =>
      image.releaseNotes.flatMap((note) => (note.url === null ? [] : [markdownDestination(note.url)])),
    );
    for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) expect(noteUrls).toContain(href);
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
      const cells = (row.match(/<t[dh][ >]/g) ?? []).length;
      expect([3, 9, 11], row).toContain(cells);
    }
    // The literal text survives (marked escapes it back into entities).
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
  });

  it('leaves no CSV cell a spreadsheet reads as a formula, and keeps each record as wide as the header', () => {
    const records = parseCsv(renderCsv(report));
    const width = records[0]?.length;
    for (const record of records) {
      expect(record).toHaveLength(width ?? 0);
      for (const cell of record) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(records.flat()).toContain(`'=HYPERLINK("http://x")`);
    expect(records.flat()).toContain('| fake | cell |');
  });

  it('round-trips JSON: the payloads come back as the same strings, and the report still fits the schema', () => {
    const back = parseReportJson(renderJson(report), 'hostile.json');
    expect(back).toEqual(JSON.parse(JSON.stringify(report)));
    expect(new Set(back.images.map((image) => image.error))).toEqual(new Set(PAYLOADS));
    expect(back.images.flatMap((image) => image.releaseNotes.map((note) => note.url))).not.toContain(
      'javascript:alert(1)',
    );
  });

  it('escapes every payload in the HTML source and keeps only http(s) links', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/,
    );
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="https?:\/\//);
  });
});

describe.skipIf(chromiumAvailable() !== null)(
  `the HTML report in Chromium (skipped when ${chromiumAvailable() ?? ''})`,
  () => {
    let session: BrowserSession;
    let browser: BrowserContext;

    beforeAll(async () => {
      session = await openBrowser();
      browser = session.context;
    });

    afterAll(async () => {
      await session?.close();
    });

    /** Opens `html` as the page at http://report.test/ and records every other request and dialog. */
    async function open(html: string) {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      const violations: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url === 'http://report.test/')
          return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
        requests.push(url);
        return route.abort();
      });
      await page.goto('http://report.test/', { waitUntil: 'load' });
      return { page, requests, dialogs, violations };
    }

    it('runs no script and attempts no request for hostile text', async () => {
      const { page, requests, dialogs } = await open(renderHtml(report));
      await page.waitForTimeout(200); // an onerror or a late fetch would have fired by now
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
      const text = await page.locator('body').innerText();
      for (const payload of PAYLOADS) expect(text).toContain(payload);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
      await page.close();
    });

    it('draws the fixed report with inline styles only and saves .artifacts/screenshots/report.png', async () => {
      const fixed = buildReport(fixedSource(), fixedRequest());
      const { page, requests, violations } = await open(renderHtml(fixed));
      expect(requests).toEqual([]);
      expect(violations).toEqual([]);
      // The inline stylesheet applied (the CSP allows it): the table borders collapse.
      // (A string expression: this file is type-checked without the DOM library.)
      expect(await page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse")).toBe(
        'collapse',
      );
      await mkdir(join(SCREENSHOT, '..'), { recursive: true });
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      // Printing (what the hosts do for PDF) works on the same page.
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.close();
    });
  },
);
