// `cupdate serve`: a session over the selected platforms behind the HTTP host, until the signal
// aborts (Ctrl-C, SIGTERM; its reason names the signal), then says it stopped. Secrets set in the
// UI are kept in memory only (MemorySecretStore).
import { resolve } from 'node:path';
import { ApiError } from '../api/api-error.js';
import { MemorySecretStore } from '../api/secret-store.js';
import { openSession } from '../api/session.js';
import { terminalLine } from '../cli/terminal-text.js';
import { CliUsageError } from '../cli/usage-error.js';
import { parseServeArgs, SERVE_HELP } from './serve-args.js';
import { startServe } from './server.js';

export interface ServeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The built renderer, from the repository root (the bundle, out/core/, is as deep as this file). */
export const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');

const processIo: ServeIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Resolves when the server has stopped after `signal` aborted; rejects with CliUsageError on bad arguments. */
export async function runServe(
  argv: readonly string[],
  signal: AbortSignal,
  io: ServeIo = processIo,
): Promise<void> {
  const command = parseServeArgs(argv);
  if (command.kind === 'help') {
    io.stdout(SERVE_HELP);
    return;
  }
  const { args } = command;
  const session = await openSession({
    dataDir: args.dataDir,
    secrets: new MemorySecretStore(),
    ...(args.selection !== undefined && { selection: args.selection }),
    ...(args.sources !== undefined && { app: { sources: args.sources } }),
    registry: {
      insecureRegistries: args.insecureRegistries,
      ...(args.dockerConfigDir !== undefined && { dockerConfigDir: args.dockerConfigDir }),
    },
  }).catch((error: unknown) => {
    // A platform option that names nothing usable is the command line's fault.
    if (error instanceof ApiError && error.code === 'invalid-params')
      throw new CliUsageError(error.message, { cause: error });
    throw error;
  });
  try {
    const server = await startServe({
      session,
      host: args.host,
      port: args.port,
      staticDir: RENDERER_DIST,
      warn: (message) => io.stderr(`warning: ${terminalLine(message)}\n`),
    });
    io.stderr(`cupdate: serving on ${server.url}/ (Ctrl-C stops)\n`);
    await new Promise<void>((done) => {
      if (signal.aborted) done();
      else signal.addEventListener('abort', () => done(), { once: true });
    });
    io.stderr(`cupdate: ${typeof signal.reason === 'string' ? signal.reason : 'stop'} received, stopping\n`);
    await server.stop();
  } finally {
    await session.close();
  }
  io.stderr('cupdate: stopped\n');
}
