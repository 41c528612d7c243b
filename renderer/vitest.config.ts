import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const root = new URL('.', import.meta.url).pathname;

// The renderer's own test run: Svelte components compiled for the browser, mounted in happy-dom;
// `*.browser.test.ts` files run in node and drive real Chromium (src/testing/browser.ts); the
// lint processor's test beside svelte-imports.js runs in node too.
export default defineConfig({
  root,
  plugins: [svelte({ configFile: `${root}svelte.config.js` })],
  resolve: { conditions: ['browser'] },
  test: {
    name: 'renderer',
    root,
    include: ['src/**/*.test.ts', '*.test.ts'],
    environment: 'happy-dom',
    testTimeout: 30_000,
  },
});
