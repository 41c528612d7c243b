/* global process, console, URL, setTimeout -- Node globals; eslint.config.js declares none for .mjs */
// Builds what the app and the command line run, so nothing is compiled at run time:
//   - the renderer (vite → renderer/dist),
//   - the core's command line (esbuild → out/core/cli.js, `scan` and `serve`, and
//     out/core/headless-app.js, what `npm start` runs without Electron),
//   - the Electron code (esbuild → out/electron/main.js as ESM, out/electron/preload.cjs as
//     CommonJS, because a sandboxed preload cannot be an ES module:
//     https://www.electronjs.org/docs/latest/tutorial/esm).
// Each part is rebuilt only when one of its sources is newer than its output. The core and the
// Electron main are split into chunks (esbuild `splitting`): a lazy `import()` stays lazy, and so do
// the packages that chunk imports (dockerode, @kubernetes/client-node), which a single ESM file would
// hoist to its top. node_modules stay outside the bundles: better-sqlite3 is native, the rest load
// as they are. Every chunk sits in its bundle's directory, two levels below the root, like the
// sources it comes from, so paths built from import.meta.url (the store's migrations, package.json,
// renderer/dist) resolve the same in both.
// Run alone: `node scripts/build-desktop.mjs [--force] [--renderer | --core | --electron ...]`
// (default: all three).
import { cp, mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { statSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => join(ROOT, ...parts);
const THIS_SCRIPT = fileURLToPath(import.meta.url);

const RENDERER = {
  sources: [
    at('renderer', 'src'),
    at('renderer', 'index.html'),
    at('renderer', 'vite.config.ts'),
    at('internal', 'api', 'contract.ts'),
  ],
  output: at('renderer', 'dist', 'index.html'),
};

/** The core's command line: out/core/cli.js is what `cupdate` (scripts/cupdate.mjs) runs. */
export const CORE = {
  outDir: at('out', 'core'),
  target: 'node20', // package.json's engines
  entryPoints: { cli: at('internal', 'cli.ts'), 'headless-app': at('internal', 'cli', 'headless-app.ts') },
};
const ELECTRON = {
  outDir: at('out', 'electron'),
  target: 'node22',
  entryPoints: { main: at('electron', 'main.ts') },
};

/**
 * What a bundle was built from, and which sources went into each of its files (from esbuild's
 * metafile): written beside it for the freshness check, and for the test that checks what a
 * command loads (test/app/cli-lazy-loading.test.ts).
 */
export const MANIFEST_FILE = 'bundle.json';

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

/**
 * Whether the bundle in `outDir` is older than a file it was built from. Synchronous and cheap
 * (one stat per input, ~200 files: about a millisecond), because `cupdate` asks on every run.
 */
export function bundleIsStale(outDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8'));
  } catch {
    return true; // never built, or built by an older version of this script
  }
  return manifest.inputs.some((input) => {
    try {
      return statSync(at(input)).mtimeMs > manifest.builtAt;
    } catch {
      return true; // an input was removed: whatever imported it changed too
    }
  });
}

/** Builds renderer/dist when a renderer source is newer; returns whether it built. */
export async function buildRenderer({ force = false, log = console.log } = {}) {
  if (!force && !(await outOfDate(RENDERER.sources, RENDERER.output))) return false;
  log('building the renderer (vite)…');
  const { build } = await import('vite');
  await build({ configFile: at('renderer', 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

/** Builds out/core when a source of the command line is newer; returns whether it built. */
export function buildCore({ force = false, log = console.log } = {}) {
  return withBuildLock(CORE.outDir, async () => {
    if (!force && !bundleIsStale(CORE.outDir)) return false;
    log('building the command line (esbuild)…');
    await bundle(CORE);
    return true;
  });
}

/** Builds out/electron when a source of the Electron code is newer; returns whether it built. */
export function buildElectron({ force = false, log = console.log } = {}) {
  return withBuildLock(ELECTRON.outDir, async () => {
    if (!force && !bundleIsStale(ELECTRON.outDir)) return false;
    log('building the Electron code (esbuild)…');
    const { inputs, outputs, startedAt } = await bundle(ELECTRON);
    const { build } = await import('esbuild');
    const preload = await build({
      entryPoints: [at('electron', 'preload.ts')],
      outfile: join(ELECTRON.outDir, 'preload.cjs'),
      bundle: true,
      platform: 'node',
      target: ELECTRON.target,
      sourcemap: true,
      logLevel: 'warning',
      metafile: true,
      format: 'cjs',
      // A sandboxed preload may require only `electron` (and a few Node shims): everything else is bundled.
      external: ['electron'],
    });
    const preloadSources = sourcesOf(preload.metafile);
    await writeManifest(ELECTRON.outDir, {
      inputs: [...inputs, ...preloadSources],
      outputs: { ...outputs, 'preload.cjs': preloadSources },
      startedAt,
    });
    log(`built ${relative(ROOT, ELECTRON.outDir)}/`);
    return true;
  });
}

/** Bundles `entryPoints` into `outDir` with their chunks and the store's migrations; says what from, and when. */
async function bundle({ outDir, entryPoints, target }) {
  // esbuild comes with vite and tsx (both dev dependencies here).
  const { build } = await import('esbuild');
  // Before esbuild reads anything: a source saved during the build is newer than the bundle.
  const startedAt = Date.now();
  const result = await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target,
    sourcemap: true,
    packages: 'external',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  // The chunks of an earlier build: a name holds its content's hash, so they are never reused.
  const written = new Set(Object.keys(result.metafile.outputs).map((path) => at(path)));
  for (const name of await readdir(outDir)) {
    if (name.startsWith('chunk-') && !written.has(join(outDir, name))) await rm(join(outDir, name));
  }
  // The store finds its migrations beside the module that loads them (new URL('./migrations/',
  // import.meta.url)): in the bundle that module is a file of outDir.
  await mkdir(join(outDir, 'migrations'), { recursive: true });
  await cp(at('internal', 'store', 'migrations'), join(outDir, 'migrations'), {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  const inputs = [...sourcesOf(result.metafile), relative(ROOT, THIS_SCRIPT)];
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([path]) => path.endsWith('.js'))
      .map(([path, output]) => [relative(outDir, at(path)), sourcesOf(output)]),
  );
  await writeManifest(outDir, { inputs, outputs, startedAt });
  return { inputs, outputs, startedAt };
}

/** The repository files among the inputs of a metafile or of one of its outputs. */
function sourcesOf(metafileOrOutput) {
  return Object.keys(metafileOrOutput.inputs).filter((input) => !input.startsWith('node_modules/'));
}

async function writeManifest(outDir, { inputs, outputs, startedAt }) {
  // The migrations are read at run time, not bundled: a new one must rebuild (copy) too.
  const migrations = (await readdir(at('internal', 'store', 'migrations'))).map((name) =>
    join('internal', 'store', 'migrations', name),
  );
  const manifest = { builtAt: startedAt, inputs: [...new Set([...inputs, ...migrations])].sort(), outputs };
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * Runs `work` while holding a lock directory beside `outDir` (mkdir is atomic), so processes
 * started together (a test starting four `cupdate` at once) build once and never read a half-written
 * bundle: the others wait, then find it fresh. A lock older than a minute was left by a build that
 * died; it is taken over.
 */
async function withBuildLock(outDir, work) {
  const lock = `${outDir}.lock`;
  await mkdir(join(outDir, '..'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age =
        Date.now() -
        (await stat(lock).then(
          (info) => info.mtimeMs,
          () => Date.now(),
        ));
      if (age > 60_000) await rmdir(lock).catch(() => undefined);
      else await new Promise((done) => setTimeout(done, 50));
    }
  }
  try {
    await mkdir(outDir, { recursive: true });
    return await work();
  } finally {
    await rmdir(lock);
  }
}

if (process.argv[1] === THIS_SCRIPT) {
  const force = process.argv.includes('--force');
  const parts = ['--renderer', '--core', '--electron'].filter((flag) => process.argv.includes(flag));
  const wanted = (flag) => parts.length === 0 || parts.includes(flag);
  if (wanted('--renderer')) await buildRenderer({ force });
  if (wanted('--core')) await buildCore({ force });
  if (wanted('--electron')) await buildElectron({ force });
}
