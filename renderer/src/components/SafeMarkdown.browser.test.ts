// @vitest-environment node
// SafeMarkdown in real Chromium: DOMPurify does not sanitize under happy-dom, so only a real
// browser can show that release notes cannot bring a script with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupFormat } from '../lib/safe-markdown.js';
import { chromiumMissing, startBrowserHarness, type BrowserHarness } from '../testing/browser.js';
import type { Harness } from '../testing/harness.js';

describe.skipIf(chromiumMissing !== null)(
  'SafeMarkdown in Chromium (skipped without /usr/bin/chromium: apt-get install chromium)',
  () => {
    let browser: BrowserHarness;

    beforeAll(async () => {
      browser = await startBrowserHarness();
      await browser.page.goto(`${browser.url}src/testing/harness.html`);
      await browser.page.waitForFunction(() => 'harness' in window);
    }, 60_000);
    afterAll(async () => browser?.close());

    async function render(source: string, format: MarkupFormat = 'markdown'): Promise<string> {
      return browser.page.evaluate(
        ([s, f]) => (window as unknown as { harness: Harness }).harness.renderSafeMarkdown(s, f),
        [source, format] as const,
      );
    }

    it('renders markdown', async () => {
      const html = await render('# Changes\n\n- **fixed** the `parser`');
      expect(html).toContain('<h1>Changes</h1>');
      expect(html).toContain('<li><strong>fixed</strong> the <code>parser</code></li>');
    });

    it('strips <script> from markdown and from html', async () => {
      for (const format of ['markdown', 'html'] as const) {
        const html = await render('before <script>window.pwned = true</script> after', format);
        expect(html).not.toMatch(/<script|pwned/i);
        expect(html).toContain('before');
      }
      expect(await browser.page.evaluate(() => 'pwned' in window)).toBe(false);
    });

    it('strips onerror= and every other event handler', async () => {
      const html = await render(
        '<p onclick="steal()">x</p><svg onload="steal()"></svg><img src=x onerror="steal()"><a href="https://e.com" onmouseover="steal()">y</a>',
        'html',
      );
      expect(html).not.toMatch(/onerror|onclick|onload|onmouseover|steal/);
      expect(html).not.toContain('<img'); // remote images are refused outright (tracking pixels)
      expect(html).toContain('>y</a>');
    });

    it('drops javascript: and data: link targets but keeps the link text', async () => {
      const html = await render(
        '[click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">two</a> <a href="&#106;avascript:alert(3)">three</a> [data](data:text/html,x)',
      );
      expect(html).not.toMatch(/javascript:|alert|data:text/i);
      expect(html).toContain('click');
      expect(html).toContain('three');
    });

    it('opens http links outside the app, with no opener and no referrer', async () => {
      const html = await render('See [the release](https://example.com/r/1).');
      expect(html).toContain(
        '<a href="https://example.com/r/1" target="_blank" rel="noopener noreferrer">the release</a>',
      );
    });

    it('shows plain text as text, never as markup', async () => {
      const html = await render('<b>not bold</b>\n\nsecond', 'text');
      expect(html).not.toContain('<b>');
      expect(html).toContain('<p>&lt;b&gt;not bold&lt;/b&gt;</p><p>second</p>');
    });
  },
);
