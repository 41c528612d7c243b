/* global process, console, AbortController -- Node globals; eslint.config.js declares none for .mjs */
// `npm start`: the desktop app when Electron's binary is installed, else the same app headless in
// the browser, so `npm install && npm start` always gives the user the app. Builds the renderer and
// the Electron code first when their sources are newer than what was built.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, buildElectron, buildRenderer } from './build-desktop.mjs';

/** The Electron executable, or why there is none. */
function electronBinary() {
  try {
    // The electron package exports the path of the binary its install script downloaded.
    const path = createRequire(import.meta.url)('electron');
    return existsSync(path) ? { path } : { missing: `${path} does not exist` };
  } catch (error) {
    // Without the binary, the package's index.js throws "Electron failed to install correctly".
    return {
      missing:
        error.code === 'MODULE_NOT_FOUND'
          ? 'the electron package is not installed'
          : 'its binary was not downloaded',
    };
  }
}

/** Where the headless app keeps its data: the same directory the desktop app uses in development. */
function dataDir() {
  const config =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'cupdate-desktop');
}

async function runDesktop(binary) {
  await buildElectron();
  const child = spawn(binary, [join(ROOT, 'out', 'electron', 'main.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 0 : 1);
  });
}

/**
 * The headless host (`cupdate serve`) on 127.0.0.1. On a first run (no database yet) it watches the
 * Docker endpoints that exist and the current kube context; afterwards, what was selected in the UI.
 */
async function runHeadless() {
  const { register } = await import('tsx/esm/api');
  register();
  const { runServe } = await import('../internal/serve/main.ts');
  const { discover } = await import('../internal/api/platform-factory.ts');
  const dir = dataDir();
  const args = ['--host', '127.0.0.1', '--port', process.env.PORT ?? '0', '--data-dir', dir];
  if (!existsSync(join(dir, 'cupdate.db'))) {
    const found = await discover({ env: process.env, homeDir: homedir() });
    for (const endpoint of found.dockerEndpoints.filter((e) => e.exists)) args.push('--docker', endpoint.id);
    for (const context of found.contexts.filter((c) => c.current && c.error === undefined)) {
      args.push('--kube-context', context.name);
    }
  }
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await runServe(args, stop.signal);
}

try {
  await buildRenderer();
  const binary = electronBinary();
  if (binary.path !== undefined) {
    await runDesktop(binary.path);
  } else {
    console.log(
      `Electron cannot start (${binary.missing}; ELECTRON_SKIP_BINARY_DOWNLOAD or no internet during npm install): running the headless app instead, open the URL below in your browser.`,
    );
    await runHeadless();
  }
} catch (error) {
  console.error(`npm start: ${error?.message ?? error}`);
  process.exitCode = 1;
}
