// What `npm start` runs where Electron cannot start (scripts/start.mjs): `cupdate serve` on
// 127.0.0.1 over a kept data directory. On a first run (no database yet) it watches what a first
// run of the desktop app would: every Docker endpoint that exists and the current kube context
// (each platform kind's defaults); afterwards, what was selected in the UI. Built into
// out/core/headless-app.js beside the command line.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { choosePlatforms, selectionOf } from '../platform/choose-platforms.js';
import { runServe, type ServeIo } from '../serve/main.js';
import { terminalLine } from './terminal-text.js';

export interface HeadlessAppOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly signal: AbortSignal;
  readonly io: ServeIo;
}

/** Resolves when the server has stopped after `signal` aborted. */
export async function runHeadlessApp(options: HeadlessAppOptions): Promise<void> {
  const args = ['--host', '127.0.0.1', '--port', String(options.port), '--data-dir', options.dataDir];
  if (!existsSync(join(options.dataDir, 'cupdate.db'))) {
    const place = { env: process.env, homeDir: homedir() };
    const warn = (message: string) => options.io.stderr(`warning: ${terminalLine(message)}\n`);
    const selection = selectionOf(await choosePlatforms(place, () => 'defaults', warn));
    for (const id of selection.dockerEndpoints) args.push('--docker', id);
    for (const name of selection.kubeContexts) args.push('--kube-context', name);
  }
  await mkdir(options.dataDir, { recursive: true });
  await runServe(args, options.signal, options.io);
}
