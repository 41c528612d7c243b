// Loads the user's kubeconfig files and merges them the way kubectl does (client-go
// clientcmd/loader.go, "Merging kubeconfig files"), because client-node's own merge differs
// (it keeps the last definition and resolves relative paths against the wrong file):
// - `KUBECONFIG` is a list split on the OS path delimiter; missing files are skipped;
//   without it, `~/.kube/config` is read.
// - The first file to define a cluster, user or context (by name) wins; later ones are ignored.
// - `current-context` comes from the first file that sets it.
// - Relative file paths in an entry resolve against the file that defined the entry.
// Requests use client-node's `KubeConfig` (auth, TLS, exec plugins), built per context from the
// merged entries with `loadFromOptions`.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { KubeConfig, loadYaml } from '@kubernetes/client-node';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { kubeconfigPaths } from './kubeconfig-paths.js';

export { kubeconfigPaths };

/** A kubeconfig problem that names the file or context and says what to do. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  constructor(
    /** The kubeconfig file or `context "<name>"` the problem is in. */
    readonly input: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${input}: ${message}`, options);
  }
}

export interface ContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly server?: string;
  readonly namespace?: string;
  readonly user: string;
  readonly current: boolean;
  /** Why this context cannot be used (missing cluster/user, unreadable file); the others still can. */
  readonly error?: string;
}

/** The merged view of every kubeconfig file, as kubectl would see it. */
export interface MergedKubeconfig {
  readonly files: readonly string[];
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly users: ReadonlyMap<string, User & { readonly tokenFile?: string }>;
  readonly contexts: ReadonlyMap<string, Context>;
  readonly currentContext?: string;
  /** Files that exist but could not be read or parsed; their entries are absent. */
  readonly fileErrors: readonly KubeconfigError[];
}

export function loadKubeconfig(paths: readonly string[] = kubeconfigPaths()): MergedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User & { tokenFile?: string }>();
  const contexts = new Map<string, Context>();
  const fileErrors: KubeconfigError[] = [];
  const files: string[] = [];
  let currentContext: string | undefined;
  for (const path of paths) {
    const document = readDocument(path, fileErrors);
    if (document === undefined) continue;
    files.push(path);
    const base = dirname(resolve(path));
    for (const entry of namedEntries(document['clusters'])) {
      if (!clusters.has(entry.name)) clusters.set(entry.name, toCluster(entry, base));
    }
    for (const entry of namedEntries(document['users'])) {
      if (!users.has(entry.name)) users.set(entry.name, toUser(entry, base));
    }
    for (const entry of namedEntries(document['contexts'])) {
      if (!contexts.has(entry.name)) contexts.set(entry.name, toContext(entry));
    }
    const current = document['current-context'];
    if (currentContext === undefined && typeof current === 'string' && current !== '')
      currentContext = current;
  }
  return { files, clusters, users, contexts, currentContext, fileErrors };
}

/** Every context, broken ones included with the reason, in the order they were defined. */
export function listContexts(config: MergedKubeconfig): ContextInfo[] {
  return [...config.contexts.values()].map((context) => {
    const cluster = config.clusters.get(context.cluster);
    const error = contextProblem(config, context);
    return {
      name: context.name,
      cluster: context.cluster,
      server: cluster?.server,
      namespace: context.namespace,
      user: context.user,
      current: context.name === config.currentContext,
      ...(error === undefined ? {} : { error }),
    };
  });
}

/**
 * A client-node KubeConfig holding only `contextName`, ready for requests. Reads token files now,
 * so call it per connection attempt to pick up rotated tokens. Throws KubeconfigError.
 */
export function kubeConfigForContext(config: MergedKubeconfig, contextName: string): KubeConfig {
  const context = config.contexts.get(contextName);
  if (context === undefined) {
    throw new KubeconfigError(
      `context "${contextName}"`,
      `no such context in ${config.files.join(', ') || 'any kubeconfig file'}; pick one from listContexts()`,
    );
  }
  const problem = contextProblem(config, context);
  if (problem !== undefined) throw new KubeconfigError(`context "${contextName}"`, problem);
  const cluster = config.clusters.get(context.cluster)!;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: context.user === '' ? [] : [withToken(config.users.get(context.user)!)],
    contexts: [context],
    currentContext: context.name,
  });
  return kubeConfig;
}

function readDocument(path: string, fileErrors: KubeconfigError[]): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // kubectl skips files in KUBECONFIG that do not exist; any other read error is reported.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    fileErrors.push(
      new KubeconfigError(path, 'cannot read this kubeconfig file; check its permissions', { cause: error }),
    );
    return undefined;
  }
  try {
    const document: unknown = loadYaml(text);
    if (document === null || document === undefined) return {};
    if (typeof document !== 'object' || Array.isArray(document))
      throw new Error('the top level is not a mapping');
    return document as Record<string, unknown>;
  } catch (error) {
    fileErrors.push(
      new KubeconfigError(path, 'is not valid kubeconfig YAML; fix or remove it from KUBECONFIG', {
        cause: error,
      }),
    );
    return undefined;
  }
}

interface NamedEntry {
  readonly name: string;
  readonly body: Record<string, unknown>;
}

function namedEntries(list: unknown): NamedEntry[] {
  if (!Array.isArray(list)) return [];
  const entries: NamedEntry[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, cluster, user, context } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') continue;
    const body = cluster ?? user ?? context ?? {};
    entries.push({
      name,
      body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
    });
  }
  return entries;
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function pathFrom(base: string, value: string | undefined): string | undefined {
  return value === undefined || isAbsolute(value) ? value : join(base, value);
}

function toCluster({ name, body }: NamedEntry, base: string): Cluster {
  return {
    name,
    server: (text(body, 'server') ?? '').replace(/\/$/, ''),
    caData: text(body, 'certificate-authority-data'),
    caFile: pathFrom(base, text(body, 'certificate-authority')),
    skipTLSVerify: body['insecure-skip-tls-verify'] === true,
    tlsServerName: text(body, 'tls-server-name'),
    proxyUrl: text(body, 'proxy-url'),
  };
}

function toUser({ name, body }: NamedEntry, base: string): User & { tokenFile?: string } {
  const exec = body['exec'];
  return {
    name,
    certData: text(body, 'client-certificate-data'),
    certFile: pathFrom(base, text(body, 'client-certificate')),
    keyData: text(body, 'client-key-data'),
    keyFile: pathFrom(base, text(body, 'client-key')),
    token: text(body, 'token'),
    tokenFile: pathFrom(base, text(body, 'token-file')),
    username: text(body, 'username'),
    password: text(body, 'password'),
    impersonateUser: text(body, 'as'),
    authProvider: body['auth-provider'],
    exec:
      typeof exec === 'object' && exec !== null
        ? resolveExecCommand(exec as Record<string, unknown>, base)
        : undefined,
  };
}

// client-go resolves an exec command relative to the kubeconfig only when it contains a path
// separator; a bare name is looked up on PATH (client-go exec.go, kubeconfig docs "exec").
function resolveExecCommand(exec: Record<string, unknown>, base: string): Record<string, unknown> {
  const command = exec['command'];
  if (typeof command !== 'string' || !command.includes('/') || isAbsolute(command)) return exec;
  return { ...exec, command: join(base, command) };
}

function toContext({ name, body }: NamedEntry): Context {
  return {
    name,
    cluster: text(body, 'cluster') ?? '',
    user: text(body, 'user') ?? '',
    namespace: text(body, 'namespace'),
  };
}

function withToken(user: User & { tokenFile?: string }): User {
  const { tokenFile, ...rest } = user;
  if (rest.token !== undefined || tokenFile === undefined) return rest;
  return { ...rest, token: readFileSync(tokenFile, 'utf8').trim() };
}

function contextProblem(config: MergedKubeconfig, context: Context): string | undefined {
  const cluster = config.clusters.get(context.cluster);
  if (cluster === undefined) return `cluster "${context.cluster}" is not defined in any kubeconfig file`;
  if (cluster.server === '') return `cluster "${cluster.name}" has no server URL`;
  const files: [what: string, path: string | undefined][] = [
    [`certificate-authority of cluster "${cluster.name}"`, cluster.caFile],
  ];
  if (context.user !== '') {
    const user = config.users.get(context.user);
    if (user === undefined) return `user "${context.user}" is not defined in any kubeconfig file`;
    files.push(
      [`client-certificate of user "${user.name}"`, user.certFile],
      [`client-key of user "${user.name}"`, user.keyFile],
      [`token-file of user "${user.name}"`, user.tokenFile],
    );
    const execProblem = execCommandProblem(user);
    if (execProblem !== undefined) return execProblem;
  }
  for (const [what, path] of files) {
    if (path === undefined) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      return `cannot read ${what} at ${path}; fix the path or the file's permissions`;
    }
  }
  return undefined;
}

function execCommandProblem(user: User): string | undefined {
  const command: unknown = (user.exec as Record<string, unknown> | undefined)?.['command'];
  if (user.exec === undefined) return undefined;
  if (typeof command !== 'string' || command === '')
    return `user "${user.name}" has an exec plugin without a command`;
  const candidates = command.includes('/')
    ? [command]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, command));
  const found = candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return found
    ? undefined
    : `exec credential plugin "${command}" of user "${user.name}" was not found or is not executable; install it or fix the command`;
}
