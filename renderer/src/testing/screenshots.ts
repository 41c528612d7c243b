// Screenshots of every page on the demo data, light and dark: `npx tsx renderer/src/testing/screenshots.ts [dir]`.
// Prints each file and any console error or CSP violation the page reported.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nginx } from './fixtures.js';
import { startBrowserHarness } from './browser.js';

const dir = process.argv[2] ?? '/tmp/cupdate-ui-screenshots';
mkdirSync(dir, { recursive: true });

const pages: readonly { name: string; path: string }[] = [
  { name: 'dashboard', path: 'demo.html#/' },
  { name: 'images', path: 'demo.html#/images' },
  { name: 'image', path: `demo.html#/images/${encodeURIComponent(nginx.reference)}` },
  { name: 'graph', path: 'demo.html#/graph' },
  { name: 'platforms', path: 'demo.html#/platforms' },
  { name: 'settings', path: 'demo.html#/settings' },
  { name: 'welcome', path: 'demo.html?empty#/' },
  { name: 'not-found', path: 'demo.html#/nowhere' },
];

const harness = await startBrowserHarness();
try {
  const { page } = harness;
  page.on('console', (message) => {
    // Vite's client always tries its (disabled) hot-reload socket: not the app's error.
    if (message.type() === 'error' && !/websocket|\[vite\]/i.test(message.text()))
      console.log(`  console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`  page error: ${error.message}`));
  await page.setViewportSize({ width: 1360, height: 860 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const { name, path } of pages) {
      await page.goto(`${harness.url}src/testing/${path}`);
      // The graph's first visit makes Vite prepare Cytoscape: wait for its canvas, not a fixed time.
      if (name === 'graph') await page.waitForSelector('main canvas', { timeout: 30_000 });
      await page.waitForTimeout(name === 'graph' ? 1500 : 700);
      const file = join(dir, `${name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: name === 'image' });
      console.log(file);
    }
  }
} finally {
  await harness.close();
}
