// Finds every Docker Engine endpoint this user could mean, in the docker CLI's order of precedence
// (cli/command/cli.go resolveContextName: DOCKER_HOST, then DOCKER_CONTEXT, then `currentContext`
// in config.json), followed by the sockets the common engines create (Docker Desktop, the system
// socket, rootless Docker, OrbStack, Colima, Rancher Desktop, Podman). All of them are listed, so
// the user can pick one or several; the one the docker CLI would use is marked `isDefault`.
import { createHash } from 'node:crypto';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface DockerTls {
  /** Paths of the PEM files; a missing file is left out (the CLI tolerates that too). */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** Verify the daemon's certificate (DOCKER_TLS_VERIFY, or a context's `SkipTLSVerify: false`). */
  readonly verify: boolean;
}

export type EndpointSource =
  | 'DOCKER_HOST'
  | `context:${string}`
  | 'docker-desktop'
  | 'system'
  | 'rootless'
  | 'orbstack'
  | `colima:${string}`
  | 'rancher-desktop'
  | 'podman'
  | 'podman-rootful'
  | `podman-machine:${string}`;

export interface DockerEndpoint {
  /** Stable and unique among the endpoints of one discovery: the source. */
  readonly id: string;
  /** What a person calls it; unique; the platform id is `docker:<name>`. */
  readonly name: string;
  readonly source: EndpointSource;
  /** `unix:///path`, `npipe:////./pipe/name`, `tcp://host:port` or `ssh://user@host`. */
  readonly host: string;
  readonly tls?: DockerTls;
  /** The socket or pipe is there. Always true for tcp:// and ssh:// (only a connection can tell). */
  readonly exists: boolean;
  /** The endpoint the docker CLI would talk to with this environment. */
  readonly isDefault: boolean;
}

/** A Docker client file or variable that could not be used; discovery goes on without it. */
export class DockerConfigError extends Error {
  override readonly name = 'DockerConfigError';
  constructor(
    /** The file or variable at fault, e.g. `/home/me/.docker/config.json` or `DOCKER_HOST`. */
    readonly input: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${input}: ${message}`, options);
  }
}

/** The file system calls discovery makes, so tests can run it on a temporary directory. */
export interface DiscoveryFs {
  /** The file's text; rejects with an ENOENT error when it is not there. */
  readFile(path: string): Promise<string>;
  /** Directory entries; rejects when the directory is not there. */
  readdir(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** The path with links resolved (to see that two sockets are one), or the path itself. */
  realpath(path: string): Promise<string>;
}

export interface DiscoveryOptions {
  /** The user's home directory (never read from the process, so tests use a temporary one). */
  readonly homeDir: string;
  readonly os: NodeJS.Platform;
  readonly fs?: DiscoveryFs;
  /** Told about each file or variable that was skipped, and why. */
  readonly onProblem?: (problem: DockerConfigError) => void;
}

export type DockerEnv = Readonly<Record<string, string | undefined>>;

const nodeFs: DiscoveryFs = {
  readFile: (path) => readFile(path, 'utf8'),
  readdir: (path) => readdir(path),
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  realpath: (path) => realpath(path).catch(() => path),
};

const SUPPORTED_SCHEMES = ['unix:', 'tcp:', 'npipe:', 'ssh:'];
const WINDOWS_DEFAULT_HOST = 'npipe:////./pipe/docker_engine';
const UNIX_DEFAULT_HOST = 'unix:///var/run/docker.sock';

interface Candidate {
  readonly source: EndpointSource;
  readonly name: string;
  readonly host: string;
  readonly tls?: DockerTls;
}

export async function discoverEndpoints(
  env: DockerEnv,
  options: DiscoveryOptions,
): Promise<DockerEndpoint[]> {
  const fs = options.fs ?? nodeFs;
  const report = options.onProblem ?? (() => {});
  const configDir = nonEmpty(env.DOCKER_CONFIG) ?? join(options.homeDir, '.docker');

  const fromEnv = hostFromEnv(env, configDir, report);
  const contexts = await readContexts(configDir, fs, report);
  const currentName = nonEmpty(env.DOCKER_CONTEXT) ?? (await readCurrentContext(configDir, fs, report));
  const current = contexts.find((c) => c.name === `${currentName}`);
  if (
    fromEnv === undefined &&
    currentName !== undefined &&
    currentName !== 'default' &&
    current === undefined
  ) {
    const input = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : join(configDir, 'config.json');
    report(
      new DockerConfigError(input, `context "${currentName}" does not exist; run \`docker context ls\``),
    );
  }

  const defaultHost =
    fromEnv?.host ?? current?.host ?? (options.os === 'win32' ? WINDOWS_DEFAULT_HOST : UNIX_DEFAULT_HOST);
  const candidates = [
    ...(fromEnv ? [fromEnv] : []),
    ...(current ? [current] : []),
    ...contexts.filter((c) => c !== current),
    ...wellKnownSockets(env, options),
    ...(await podmanMachineSockets(env, options, fs)),
  ];
  return resolve(candidates, defaultHost, fs);
}

// DOCKER_HOST with TLS from DOCKER_CERT_PATH / DOCKER_TLS_VERIFY (cli/flags/options.go: the cert
// directory defaults to the config directory; any non-empty DOCKER_TLS_VERIFY turns TLS on).
function hostFromEnv(
  env: DockerEnv,
  configDir: string,
  report: (p: DockerConfigError) => void,
): Candidate | undefined {
  const raw = nonEmpty(env.DOCKER_HOST);
  if (raw === undefined) return undefined;
  const host = normalizeHost(raw);
  if (host === undefined) {
    report(
      new DockerConfigError(
        'DOCKER_HOST',
        `"${raw}" is not unix://, tcp://, npipe:// or ssh://; fix or unset it`,
      ),
    );
    return undefined;
  }
  const verify = isTruthy(env.DOCKER_TLS_VERIFY);
  const certPath = nonEmpty(env.DOCKER_CERT_PATH);
  const useTls = host.startsWith('tcp://') && (verify || certPath !== undefined);
  const tls = useTls ? tlsFiles(certPath ?? configDir, verify) : undefined;
  return { source: 'DOCKER_HOST', name: 'DOCKER_HOST', host, ...(tls && { tls }) };
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

// Contexts live in contexts/meta/<sha256(name)>/meta.json, their TLS material in
// contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem (cli/context/store).
async function readContexts(
  configDir: string,
  fs: DiscoveryFs,
  report: (p: DockerConfigError) => void,
): Promise<Candidate[]> {
  const metaRoot = join(configDir, 'contexts', 'meta');
  const dirs = await fs.readdir(metaRoot).catch(() => [] as string[]);
  const contexts: Candidate[] = [];
  for (const dir of dirs.sort()) {
    const path = join(metaRoot, dir, 'meta.json');
    const meta = await readJson<ContextMeta>(path, fs, report);
    if (meta === undefined) continue;
    const name = meta.Name;
    const docker = meta.Endpoints?.docker;
    if (typeof name !== 'string' || name === '' || typeof docker?.Host !== 'string') {
      report(
        new DockerConfigError(
          path,
          'has no Name or Endpoints.docker.Host; recreate it with `docker context create`',
        ),
      );
      continue;
    }
    const host = normalizeHost(docker.Host);
    if (host === undefined) {
      report(new DockerConfigError(path, `host "${docker.Host}" is not unix://, tcp://, npipe:// or ssh://`));
      continue;
    }
    const tlsDir = join(configDir, 'contexts', 'tls', sha256(name), 'docker');
    const tls = await existingTlsFiles(tlsDir, docker.SkipTLSVerify !== true, fs);
    contexts.push({ source: `context:${name}`, name, host, ...(tls && { tls }) });
  }
  return contexts;
}

async function readCurrentContext(
  configDir: string,
  fs: DiscoveryFs,
  report: (p: DockerConfigError) => void,
): Promise<string | undefined> {
  const config = await readJson<{ currentContext?: unknown }>(join(configDir, 'config.json'), fs, report);
  return typeof config?.currentContext === 'string' ? nonEmpty(config.currentContext) : undefined;
}

function wellKnownSockets(env: DockerEnv, { homeDir, os }: DiscoveryOptions): Candidate[] {
  const unix = (path: string): string => `unix://${path}`;
  const runtimeDir = nonEmpty(env.XDG_RUNTIME_DIR);
  if (os === 'win32') {
    return [
      { source: 'docker-desktop', name: 'docker-desktop', host: WINDOWS_DEFAULT_HOST },
      {
        source: 'podman-machine:podman-machine-default',
        name: 'podman-machine-default',
        host: 'npipe:////./pipe/podman-machine-default',
      },
    ];
  }
  const desktop =
    os === 'darwin'
      ? join(homeDir, '.docker', 'run', 'docker.sock')
      : join(homeDir, '.docker', 'desktop', 'docker.sock');
  return [
    { source: 'docker-desktop', name: 'docker-desktop', host: unix(desktop) },
    { source: 'system', name: 'system', host: UNIX_DEFAULT_HOST },
    ...(runtimeDir
      ? [{ source: 'rootless', name: 'rootless', host: unix(join(runtimeDir, 'docker.sock')) } as const]
      : []),
    { source: 'orbstack', name: 'orbstack', host: unix(join(homeDir, '.orbstack', 'run', 'docker.sock')) },
    { source: 'rancher-desktop', name: 'rancher-desktop', host: unix(join(homeDir, '.rd', 'docker.sock')) },
    ...(runtimeDir
      ? [{ source: 'podman', name: 'podman', host: unix(join(runtimeDir, 'podman', 'podman.sock')) } as const]
      : []),
    { source: 'podman-rootful', name: 'podman-rootful', host: 'unix:///run/podman/podman.sock' },
  ];
}

// Colima keeps one directory per profile (~/.colima/<profile>/docker.sock; the default profile is
// "default"); Podman machines on macOS expose their API under ~/.local/share/containers/podman/
// machine/ (Podman 4: <machine>/podman.sock, or podman.sock for the default machine) or under
// $TMPDIR/podman/<machine>-api.sock (Podman 5).
async function podmanMachineSockets(
  env: DockerEnv,
  { homeDir, os }: DiscoveryOptions,
  fs: DiscoveryFs,
): Promise<Candidate[]> {
  if (os === 'win32') return [];
  const found: Candidate[] = [];
  const colimaRoot = join(homeDir, '.colima');
  for (const profile of (await fs.readdir(colimaRoot).catch(() => ['default'])).sort()) {
    if (profile.startsWith('_')) continue; // ~/.colima/_lima and _templates are not profiles
    const name = profile === 'default' ? 'colima' : `colima-${profile}`;
    found.push({
      source: `colima:${profile}`,
      name,
      host: `unix://${join(colimaRoot, profile, 'docker.sock')}`,
    });
  }
  if (os !== 'darwin') return found;
  const machineRoot = join(homeDir, '.local', 'share', 'containers', 'podman', 'machine');
  found.push({
    source: 'podman-machine:default',
    name: 'podman-machine',
    host: `unix://${join(machineRoot, 'podman.sock')}`,
  });
  for (const machine of (await fs.readdir(machineRoot).catch(() => [] as string[])).sort()) {
    const socket = join(machineRoot, machine, 'podman.sock');
    if (await fs.exists(socket))
      found.push({ source: `podman-machine:${machine}`, name: machine, host: `unix://${socket}` });
  }
  const tmpDir = nonEmpty(env.TMPDIR);
  if (tmpDir !== undefined) {
    for (const file of (await fs.readdir(join(tmpDir, 'podman')).catch(() => [] as string[])).sort()) {
      const machine = /^(.+)-api\.sock$/.exec(file)?.[1];
      if (machine === undefined) continue;
      found.push({
        source: `podman-machine:${machine}`,
        name: machine,
        host: `unix://${join(tmpDir, 'podman', file)}`,
      });
    }
  }
  return found;
}

// One endpoint per daemon: the first candidate for a socket wins (a context that points at the
// Docker Desktop socket stays the context), and names stay unique for platform ids.
async function resolve(
  candidates: readonly Candidate[],
  defaultHost: string,
  fs: DiscoveryFs,
): Promise<DockerEndpoint[]> {
  const seenHosts = new Set<string>();
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  const defaultKey = await hostKey(defaultHost, fs);
  const endpoints: DockerEndpoint[] = [];
  for (const candidate of candidates) {
    const key = await hostKey(candidate.host, fs);
    if (seenHosts.has(key) || seenIds.has(candidate.source)) continue;
    seenHosts.add(key);
    seenIds.add(candidate.source);
    const name = seenNames.has(candidate.name) ? `${candidate.name} (${candidate.source})` : candidate.name;
    seenNames.add(name);
    const path = localPath(candidate.host);
    endpoints.push({
      id: candidate.source,
      name,
      source: candidate.source,
      host: candidate.host,
      ...(candidate.tls && { tls: candidate.tls }),
      exists: path === undefined ? true : await fs.exists(path),
      isDefault: key === defaultKey,
    });
  }
  return endpoints;
}

async function hostKey(host: string, fs: DiscoveryFs): Promise<string> {
  const path = localPath(host);
  return path === undefined ? host : `local:${await fs.realpath(path)}`;
}

/** The socket path of a unix:// host or the pipe path of an npipe:// host; undefined for others. */
export function localPath(host: string): string | undefined {
  if (host.startsWith('unix://')) return host.slice('unix://'.length);
  if (host.startsWith('npipe://')) return host.slice('npipe://'.length).replaceAll('/', '\\');
  return undefined;
}

// The docker CLI's ParseHost: a bare "host:port" means tcp://.
function normalizeHost(raw: string): string | undefined {
  const host = raw.includes('://') ? raw : `tcp://${raw}`;
  const scheme = host.slice(0, host.indexOf('://') + 1);
  if (!SUPPORTED_SCHEMES.includes(scheme)) return undefined;
  return host;
}

function tlsFiles(dir: string, verify: boolean): DockerTls {
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), verify };
}

async function existingTlsFiles(
  dir: string,
  verify: boolean,
  fs: DiscoveryFs,
): Promise<DockerTls | undefined> {
  const all = tlsFiles(dir, verify);
  const [ca, cert, key] = await Promise.all(
    [all.ca, all.cert, all.key].map(async (p) => (p && (await fs.exists(p)) ? p : undefined)),
  );
  if (ca === undefined && cert === undefined && key === undefined) return verify ? undefined : { verify };
  return { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }), verify };
}

async function readJson<T>(
  path: string,
  fs: DiscoveryFs,
  report: (p: DockerConfigError) => void,
): Promise<T | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      report(new DockerConfigError(path, 'cannot be read; check its permissions', { cause: error }));
    }
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return value as T;
    report(new DockerConfigError(path, 'is not a JSON object; fix or remove it'));
  } catch {
    // No cause: V8's SyntaxError quotes the text, and config.json can hold credentials.
    report(new DockerConfigError(path, 'is not valid JSON; fix or remove it'));
  }
  return undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
