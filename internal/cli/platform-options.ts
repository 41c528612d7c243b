// The command-line options that choose platforms and registry settings, shared by every command
// that runs the core (`scan`; `serve` can spread the same specs into its parseArgs options).
export const PLATFORM_OPTIONS = {
  list: { type: 'string', multiple: true },
  docker: { type: 'string', multiple: true },
  'kube-context': { type: 'string', multiple: true },
  'all-contexts': { type: 'boolean' },
  'data-dir': { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  'docker-config': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--docker` takes an optional value, which parseArgs cannot say: a bare one becomes `--docker=`. */
export function withOptionalDockerValue(argv: readonly string[]): string[] {
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return arg === '--docker' && (next === undefined || next.startsWith('-')) ? '--docker=' : arg;
  });
}
