/* global process -- a Node global; eslint.config.js declares none for .mjs */
// Where Electron's binary is, without `require('electron')`: since Electron 42 the package has no
// install script and downloads its binary on the first require, printing a stack trace when it
// cannot (no internet). npm start asks once, quietly, and tests never download (no test reaches
// the internet). A download writes dist/ and path.txt; both must be there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The electron package's directory, or undefined when it is not installed. */
function packageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The installed binary's path, or undefined. */
export function installedElectron() {
  const dir = packageDir();
  if (dir === undefined) return undefined;
  try {
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The binary, downloading it once when it is missing (unless ELECTRON_SKIP_BINARY_DOWNLOAD is set):
 * `{ path }`, or `{ missing }` saying why there is none, in one line.
 */
export function electronBinary({ log }) {
  const dir = packageDir();
  if (dir === undefined) return { missing: 'the electron package is not installed' };
  const installed = installedElectron();
  if (installed !== undefined) return { path: installed };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { missing: 'its binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' };
  }
  log("downloading Electron's binary (once)…");
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const downloaded = installedElectron();
  if (downloaded !== undefined) return { path: downloaded };
  const why = (result.stderr ?? '')
    .trim()
    .split('\n')
    .findLast((line) => line.trim() !== '');
  return { missing: `its binary could not be downloaded (${why ?? `exit ${result.status}`}; no internet?)` };
}
