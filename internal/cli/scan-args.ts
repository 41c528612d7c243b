// Parses `scan`'s arguments with node:util parseArgs into a ScanArgs whose shape rules out what
// makes no sense (asking for some kube contexts and all of them at once): per platform kind, the
// names given, or every one there is, or the defaults.
import { parseArgs } from 'node:util';
import { parseReportOptions, REPORT_ARG_OPTIONS, REPORT_HELP, ReportInputError } from '../report/index.js';
import type { ReportOptions } from '../report/index.js';
import { CORE_HELP, PLATFORM_OPTIONS, sourcesFor, withOptionalDockerValue } from './platform-options.js';
import type { SourceSettings } from '../app/options.js';
import type { PlatformSelection } from '../api/contract.js';
import { choosesNothing, type Choice } from '../platform/choose-platforms.js';
import { EXIT_HELP } from './exit-codes.js';
import { CliUsageError } from './usage-error.js';
import { messageOf } from '../model/message-of.js';

export const SCAN_HELP = `Usage: cupdate scan [options]

Finds the images running on the given platforms, checks their registries for newer versions once,
and prints the results as JSON on stdout (progress goes to stderr).

Platforms (without any of these: every Docker endpoint that exists and the current kube context):
  --list FILE              a file of image references, one per line (# starts a comment); repeatable
  --docker [ENDPOINT]      a Docker engine: unix:///path, tcp://host:port, ssh://user@host, or the id
                           of a discovered endpoint (DOCKER_HOST, system, context:NAME, …); without
                           ENDPOINT, every discovered endpoint that exists; repeatable
  --kube-context NAME      a context of the kubeconfig ($KUBECONFIG or ~/.kube/config); repeatable
  --all-contexts           every usable context of the kubeconfig

Other options:
  --data-dir DIR           keep the database (results, history, HTTP cache) in DIR/cupdate.db;
                           default: in memory, nothing is kept
${CORE_HELP}

${REPORT_HELP}
${EXIT_HELP}
`;

/** What to scan of each platform kind (see Choice). */
export type PlatformChoices = { readonly [K in keyof PlatformSelection]: Choice };

export interface ScanArgs {
  readonly platforms: PlatformChoices;
  readonly dataDir: string;
  readonly insecureRegistries: readonly string[];
  readonly dockerConfigDir?: string;
  /** The enrichment sources (`--no-sources`: none). */
  readonly sources: SourceSettings | undefined;
  /** What to write instead of the JSON results, and when to fail (--report, --fail-on, …). */
  readonly report: ReportOptions;
}

export type ScanCommand = { readonly kind: 'help' } | { readonly kind: 'scan'; readonly args: ScanArgs };

export function parseScanArgs(argv: readonly string[]): ScanCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: withOptionalDockerValue(argv),
      strict: true,
      allowPositionals: false,
      options: { ...PLATFORM_OPTIONS, ...REPORT_ARG_OPTIONS },
    }));
  } catch (error) {
    throw new CliUsageError(`${messageOf(error)}; run "cupdate scan --help" for the options`, {
      cause: error,
    });
  }
  if (values.help === true) return { kind: 'help' };
  const contexts = values['kube-context'] ?? [];
  if (contexts.length > 0 && values['all-contexts'] === true) {
    throw new CliUsageError('give either --kube-context NAME or --all-contexts, not both');
  }
  for (const [option, value] of [
    ['--list', values.list],
    ['--kube-context', contexts],
    ['--insecure-registry', values['insecure-registry']],
    ['--data-dir', values['data-dir'] === undefined ? [] : [values['data-dir']]],
  ] as const) {
    if ((value ?? []).some((item) => item.trim() === ''))
      throw new CliUsageError(`${option} needs a non-empty value`);
  }
  const hosts = (values.docker ?? []).filter((host) => host !== '');
  const chosen: PlatformChoices = {
    staticLists: values.list ?? [],
    // A bare --docker: every endpoint that exists.
    dockerEndpoints: values.docker === undefined ? [] : hosts.length > 0 ? hosts : 'every',
    kubeContexts: values['all-contexts'] === true ? 'every' : contexts,
  };
  const noPlatform = Object.values(chosen).every(choosesNothing);
  let report: ReportOptions;
  try {
    report = parseReportOptions(values);
  } catch (error) {
    if (error instanceof ReportInputError) throw new CliUsageError(error.message, { cause: error });
    throw error;
  }
  return {
    kind: 'scan',
    args: {
      platforms: noPlatform ? { ...chosen, dockerEndpoints: 'every', kubeContexts: 'defaults' } : chosen,
      dataDir: values['data-dir'] ?? ':memory:',
      insecureRegistries: values['insecure-registry'] ?? [],
      report,
      sources: sourcesFor(values['no-sources']),
      ...(values['docker-config'] === undefined ? {} : { dockerConfigDir: values['docker-config'] }),
    },
  };
}
