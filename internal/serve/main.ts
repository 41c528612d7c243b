// `cupdate serve`: a session over the selected platforms behind the HTTP host, until the signal
// aborts (Ctrl-C, SIGTERM; its reason names the signal), then says it stopped. Secrets set in the
// UI are kept in memory only (MemorySecretStore). The URL it prints carries the access token
// (docs/security.md); the UI may watch only the --list files.
import { resolve } from 'node:path';
import { ApiError } from '../api/api-error.js';
import { MemorySecretStore } from '../api/secret-store.js';
import { openSession } from '../api/session.js';
import { onlyTheseLists } from '../api/static-list-policy.js';
import { terminalLine } from '../cli/terminal-text.js';
import { CliUsageError } from '../cli/usage-error.js';
import { parseServeArgs, SERVE_HELP } from './serve-args.js';
import { startServe } from './server.js';
import { readTokenFile } from './token-file.js';

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
  const token = args.tokenFile === undefined ? undefined : await readTokenFile(args.tokenFile);
  const lists = onlyTheseLists(
    args.selection?.staticLists ?? [],
    'to watch another list, restart serve with --list FILE for each list',
  );
  // Refusals while the session opens are lists of the stored selection: said once, below.
  const notWatched: string[] = [];
  let opening = true;
  const session = await openSession({
    dataDir: args.dataDir,
    secrets: new MemorySecretStore(),
    staticLists: {
      refusal: (path) => {
        const refusal = lists.refusal(path);
        if (refusal !== undefined && opening) notWatched.push(path);
        return refusal;
      },
    },
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
  opening = false;
  for (const path of notWatched) {
    io.stderr(
      `warning: not watching ${path}, chosen in an earlier run: serve watches only the lists given with --list (add --list ${path} to watch it)\n`,
    );
  }
  try {
    const server = await startServe({
      session,
      host: args.host,
      port: args.port,
      staticDir: RENDERER_DIST,
      ...(token !== undefined && { token }),
      warn: (message) => io.stderr(`warning: ${terminalLine(message)}\n`),
    });
    // Like Jupyter, the link with a fresh token goes to this terminal. A --token-file token is never
    // printed: in a cluster, stderr is the pod's log, which more people can read than the Secret.
    const open =
      args.tokenFile === undefined
        ? server.signInUrl
        : `${server.url}/?token=<the token in ${args.tokenFile}>`;
    io.stderr(`cupdate: serving on ${open} (Ctrl-C stops)\n`);
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
