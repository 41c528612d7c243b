// Real Chromium for the tests happy-dom cannot answer: DOMPurify does not sanitize under happy-dom
// (cure53/DOMPurify#1457, capricorn86/happy-dom#1403), so sanitizing is tested in a real browser.
// The browser is the project's (test/e2e/browser.ts); the pages come from Vite's dev server on
// 127.0.0.1 (random port), so test-only entries (harness.html, demo.html) need no build.
import { join } from 'node:path';
import { createServer } from 'vite';
import { chromiumAvailable, openBrowser, type BrowserSession } from '../../../test/e2e/browser.js';

/** Why Chromium cannot run here (and how to fix it), or null when it can. */
export const chromiumMissing = chromiumAvailable();

const RENDERER_ROOT = new URL('../../', import.meta.url).pathname;

export interface BrowserHarness extends BrowserSession {
  /** The dev server's base URL, ending in `/`. */
  readonly url: string;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const server = await createServer({
    configFile: join(RENDERER_ROOT, 'vite.config.ts'),
    root: RENDERER_ROOT,
    logLevel: 'error',
    // Only the test pages are served: no hot reload socket, no crawl of index.html's entry.
    optimizeDeps: { entries: [] },
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      ws: false,
      preTransformRequests: false,
    },
  });
  try {
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('the Vite dev server reported no local URL');
    const session = await openBrowser();
    return {
      ...session,
      url,
      async close() {
        await session.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
