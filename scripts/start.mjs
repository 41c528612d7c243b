/* global process, console, AbortController -- Node globals; eslint.config.js declares none for .mjs */
// `npm start`: the desktop app when Electron's binary is installed, else the same app headless in
// the browser, so `npm install && npm start` always gives the user the app. Builds the renderer, and
// the Electron code or the core, first when their sources are newer than what was built; nothing is
// compiled at run time.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildCore, buildElectron, buildRenderer } from './build-desktop.mjs';
import { electronBinary } from './electron-binary.mjs';

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
  // A signal sent to this process alone (a supervisor, `kill`) stops the app too; Ctrl-C reaches both.
  for (const name of ['SIGINT', 'SIGTERM']) process.on(name, () => child.kill(name));
}

/** The headless host (`cupdate serve` on 127.0.0.1, internal/cli/headless-app.ts), from the built core. */
async function runHeadless() {
  await buildCore();
  const { runHeadlessApp } = await import('../out/core/headless-app.js');
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stop.abort(signal));
  await runHeadlessApp({
    dataDir: dataDir(),
    port: Number(process.env.PORT ?? '0'),
    signal: stop.signal,
    io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  });
}

try {
  await buildRenderer();
  const binary = electronBinary({ log: console.log });
  if (binary.path !== undefined) {
    await runDesktop(binary.path);
  } else {
    console.log(
      `Electron cannot start (${binary.missing}): running the headless app instead, open the URL below in your browser.`,
    );
    await runHeadless();
  }
} catch (error) {
  console.error(`npm start: ${error?.message ?? error}`);
  process.exitCode = 1;
}
