import type { SourceSettings } from '../app/options.js';
// The command-line options that choose platforms and registry settings, shared by every command
// that runs the core (`scan`; `serve` can spread the same specs into its parseArgs options).
/** Options of every command that runs the core, whatever its platform options. */
export const CORE_OPTIONS = {
  'data-dir': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  'docker-config': { type: 'string' },
  'no-sources': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CORE_HELP = `  --insecure-registry HOST a registry (host[:port]) reached over plain http; repeatable
  --docker-config DIR      where config.json with registry credentials is (default ~/.docker)
  --no-sources             versions only: ask no Docker Hub, GitHub, GitLab, Quay or OSV API (no
                           release notes, descriptions or vulnerabilities); registries are still asked
  -h, --help               this text`;

export const PLATFORM_OPTIONS = {
  list: { type: 'string', multiple: true },
  docker: { type: 'string', multiple: true },
  'kube-context': { type: 'string', multiple: true },
  'all-contexts': { type: 'boolean' },
  ...CORE_OPTIONS,
} as const;

/**
 * The App's enrichment sources for `--no-sources`: `{}` turns every source on at its public API
 * (a GitHub token from GITHUB_TOKEN, GH_TOKEN or gh's hosts file); undefined leaves only the OCI
 * annotations, which need no request.
 */
export function sourcesFor(noSources: boolean | undefined): SourceSettings | undefined {
  return noSources === true ? undefined : {};
}

/** `--docker` takes an optional value, which parseArgs cannot say: a bare one becomes `--docker=`. */
export function withOptionalDockerValue(argv: readonly string[]): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return arg === '--docker' && (next === undefined || next.startsWith('-')) ? '--docker=' : arg;
  });
}
