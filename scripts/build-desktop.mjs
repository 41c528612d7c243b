/* global process, console, URL -- Node globals; eslint.config.js declares none for .mjs */
// Builds what the desktop app runs: the renderer (vite → renderer/dist) and the Electron code
// (esbuild → out/electron/main.js as ESM, out/electron/preload.cjs as CommonJS, because a sandboxed
// preload cannot be an ES module: https://www.electronjs.org/docs/latest/tutorial/esm). Each part is
// rebuilt only when a source file is newer than its output.
// Run alone: `node scripts/build-desktop.mjs [--force] [--renderer | --electron]` (default: both).
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => join(ROOT, ...parts);

const RENDERER = {
  sources: [
    at('renderer', 'src'),
    at('renderer', 'index.html'),
    at('renderer', 'vite.config.ts'),
    at('internal', 'api', 'contract.ts'),
  ],
  output: at('renderer', 'dist', 'index.html'),
};
const ELECTRON = {
  sources: [at('electron'), at('internal')],
  outDir: at('out', 'electron'),
  output: at('out', 'electron', 'main.js'),
};

/** Newest modification time under `paths` (files or directories), skipping tests. */
async function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) continue;
    if (!info.isDirectory()) {
      latest = Math.max(latest, info.mtimeMs);
      continue;
    }
    for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
      latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return latest;
}

async function outOfDate(sources, output) {
  const built = await stat(output).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  return built < (await newest(sources));
}

/** Builds renderer/dist when a renderer source is newer; returns whether it built. */
export async function buildRenderer({ force = false, log = console.log } = {}) {
  if (!force && !(await outOfDate(RENDERER.sources, RENDERER.output))) return false;
  log('building the renderer (vite)…');
  const { build } = await import('vite');
  await build({ configFile: at('renderer', 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

/** Builds out/electron when electron/ or internal/ is newer; returns whether it built. */
export async function buildElectron({ force = false, log = console.log } = {}) {
  if (!force && !(await outOfDate(ELECTRON.sources, ELECTRON.output))) return false;
  log('building the Electron code (esbuild)…');
  // esbuild comes with vite and tsx (both dev dependencies here).
  const { build } = await import('esbuild');
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
  await build({
    ...common,
    entryPoints: [at('electron', 'main.ts')],
    outfile: ELECTRON.output,
    format: 'esm',
    // node_modules stay outside the bundle: better-sqlite3 is native, the rest load as they are.
    packages: 'external',
  });
  await build({
    ...common,
    entryPoints: [at('electron', 'preload.ts')],
    outfile: join(ELECTRON.outDir, 'preload.cjs'),
    format: 'cjs',
    // A sandboxed preload may require only `electron` (and a few Node shims): everything else is bundled.
    external: ['electron'],
  });
  // The store finds its migrations beside the module that loads them (new URL('./migrations/',
  // import.meta.url)): in the bundle that module is out/electron/main.js.
  await mkdir(join(ELECTRON.outDir, 'migrations'), { recursive: true });
  await cp(at('internal', 'store', 'migrations'), join(ELECTRON.outDir, 'migrations'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  log(`built ${relative(ROOT, ELECTRON.outDir)}/`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const only = ['--renderer', '--electron'].find((flag) => process.argv.includes(flag));
  if (only !== '--electron') await buildRenderer({ force });
  if (only !== '--renderer') await buildElectron({ force });
}
