#!/usr/bin/env node
/* global process, URL -- Node globals; eslint.config.js declares none for .mjs */
// `cupdate`, the command line (package.json "bin"; `npx cupdate …`, `npm run scan -- …`): runs the
// built core, out/core/cli.js. In a source checkout it first rebuilds what is older than its
// sources (scripts/build-desktop.mjs: the core, and the renderer for `serve`), so an edit takes
// effect on the next run with no build step and no TypeScript compiler at run time. Build messages
// go to stderr: stdout carries only the command's result, for pipes (`… | jq`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (message) => process.stderr.write(`${message}\n`);

// Without the sources (an image built from out/ and node_modules only) there is nothing to rebuild.
if (existsSync(join(root, 'internal', 'cli.ts'))) {
  const build = await import('./build-desktop.mjs');
  try {
    if (build.bundleIsStale(build.CORE.outDir)) await build.buildCore({ log });
    if (process.argv[2] === 'serve') await build.buildRenderer({ log });
  } catch (error) {
    log(`cupdate: could not build the command line from the sources: ${error?.message ?? error}`);
    log('cupdate: run "npm install" in the repository (esbuild and vite are dev dependencies) and try again');
    process.exit(5);
  }
}
await import(new URL('../out/core/cli.js', import.meta.url).href);
