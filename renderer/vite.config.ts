import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// `base: './'` keeps every asset URL relative, so the same build loads from `file://` in Electron
// and from any path the `serve` host mounts it on.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Electron 41 ships a recent Chromium; no legacy transforms needed.
    target: 'es2023',
    // One CSS file and no inline <style>/<script>: the page's CSP allows only 'self'.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
  },
});
