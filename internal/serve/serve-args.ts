// Parses `serve`'s arguments (node:util parseArgs). Platform options mirror `scan`'s names
// (internal/cli/scan-args.ts); `--docker` takes an endpoint id as `discovery()` lists it, because
// the session selects Docker endpoints by id.
import { parseArgs } from 'node:util';
import type { PlatformSelection } from '../api/contract.js';
import { CliUsageError } from '../cli/usage-error.js';
import type { SourceSettings } from '../app/options.js';
import { CORE_HELP, CORE_OPTIONS, sourcesFor } from '../cli/platform-options.js';
import { messageOf } from '../model/message-of.js';

export const SERVE_HELP = `Usage: cupdate serve [options]

Runs Cupdate headless: the web UI and its API on http://HOST:PORT/, watching the selected platforms
and checking their images for newer versions until stopped (Ctrl-C).

Platforms (without any of these: the ones selected last time in --data-dir, else none; pick them in the UI):
  --list FILE              a file of image references, one per line; repeatable. The UI can watch
                           only the lists named here (docs/security.md)
  --docker ID              a discovered Docker endpoint by id (DOCKER_HOST, system, rootless,
                           context:NAME, …); repeatable
  --kube-context NAME      a context of the kubeconfig ($KUBECONFIG or ~/.kube/config); repeatable

Other options:
  --host ADDRESS           where to listen (default 127.0.0.1; anything else is reachable from the network)
  --port PORT              default 8080; 0 picks a free port
  --token-file FILE        the access token every request must carry, from FILE (e.g. a Kubernetes
                           Secret); default: a new random one, printed in the URL at start
  --data-dir DIR           keep the database, settings and rules in DIR/cupdate.db; default: in memory.
                           Secrets (registry passwords, GitHub token) are only ever kept in memory.
${CORE_HELP}
`;

export interface ServeArgs {
  readonly host: string;
  readonly port: number;
  /** Undefined: a fresh token at every start. */
  readonly tokenFile: string | undefined;
  readonly dataDir: string;
  /** Undefined: keep the last selection. */
  readonly selection: PlatformSelection | undefined;
  readonly insecureRegistries: readonly string[];
  readonly dockerConfigDir?: string;
  /** The enrichment sources (`--no-sources`: none). */
  readonly sources: SourceSettings | undefined;
}

export type ServeCommand = { readonly kind: 'help' } | { readonly kind: 'serve'; readonly args: ServeArgs };

export function parseServeArgs(argv: readonly string[]): ServeCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        list: { type: 'string', multiple: true },
        docker: { type: 'string', multiple: true },
        'kube-context': { type: 'string', multiple: true },
        host: { type: 'string' },
        port: { type: 'string' },
        'token-file': { type: 'string' },
        ...CORE_OPTIONS,
      },
    }));
  } catch (error) {
    throw new CliUsageError(`${messageOf(error)}; run "cupdate serve --help" for the options`, {
      cause: error,
    });
  }
  if (values.help === true) return { kind: 'help' };
  const port = Number(values.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliUsageError(`--port ${values.port}: give a port number from 0 to 65535`);
  }
  for (const [option, list] of [
    ['--list', values.list],
    ['--docker', values.docker],
    ['--kube-context', values['kube-context']],
    ['--host', values.host === undefined ? [] : [values.host]],
    ['--data-dir', values['data-dir'] === undefined ? [] : [values['data-dir']]],
    ['--token-file', values['token-file'] === undefined ? [] : [values['token-file']]],
  ] as const) {
    if ((list ?? []).some((item) => item.trim() === ''))
      throw new CliUsageError(`${option} needs a non-empty value`);
  }
  const selection: PlatformSelection = {
    dockerEndpoints: values.docker ?? [],
    kubeContexts: values['kube-context'] ?? [],
    staticLists: values.list ?? [],
  };
  const chosen = Object.values(selection).some((list) => list.length > 0);
  return {
    kind: 'serve',
    args: {
      host: values.host ?? '127.0.0.1',
      port,
      tokenFile: values['token-file'],
      dataDir: values['data-dir'] ?? ':memory:',
      selection: chosen ? selection : undefined,
      insecureRegistries: values['insecure-registry'] ?? [],
      sources: sourcesFor(values['no-sources']),
      ...(values['docker-config'] !== undefined && { dockerConfigDir: values['docker-config'] }),
    },
  };
}
