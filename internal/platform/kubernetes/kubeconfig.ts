// Loads the user's kubeconfig files and merges them the way kubectl does (client-go
// clientcmd/loader.go, "Merging kubeconfig files"), because client-node's own merge differs
// (it keeps the last definition and resolves relative paths against the wrong file):
// - `KUBECONFIG` is a list split on the OS path delimiter; missing files are skipped;
//   without it, `~/.kube/config` is read.
// - The first file to define a cluster, user or context (by name) wins; later ones are ignored.
// - `current-context` comes from the first file that sets it.
// - Relative file paths in an entry resolve against the file that defined the entry.
// Every entry remembers that file, so a problem names where to fix it. Requests are made from
// these entries by kube-connection.ts.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { load, YAMLException } from 'js-yaml';
import { messageOf } from '../../model/message-of.js';
import type { ExecPluginConfig } from './exec-credential.js';
import { contextProblem } from './kubeconfig-problems.js';
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

/** Where an entry was defined. */
interface Defined {
  readonly name: string;
  /** The kubeconfig file that defined it (the first one, as kubectl merges). */
  readonly source: string;
}

export interface ClusterEntry extends Defined {
  /** Without a trailing slash. */
  readonly server: string;
  /** Base64 of PEM, as `certificate-authority-data` holds it. */
  readonly caData?: string;
  readonly caFile?: string;
  readonly skipTLSVerify: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
}

export interface UserEntry extends Defined {
  readonly certData?: string;
  readonly certFile?: string;
  readonly keyData?: string;
  readonly keyFile?: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly username?: string;
  readonly password?: string;
  /** `as`, `as-groups`, `as-uid`: sent as Impersonate-* headers. */
  readonly impersonate?: {
    readonly user?: string;
    readonly groups: readonly string[];
    readonly uid?: string;
  };
  readonly exec?: ExecPluginConfig;
  /** The legacy `auth-provider` block (`oidc`, `gcp`, `azure`). */
  readonly authProvider?: { readonly name: string; readonly config: Readonly<Record<string, string>> };
}

export interface ContextEntry extends Defined {
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
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
  readonly clusters: ReadonlyMap<string, ClusterEntry>;
  readonly users: ReadonlyMap<string, UserEntry>;
  readonly contexts: ReadonlyMap<string, ContextEntry>;
  readonly currentContext?: string;
  /** Files that exist but could not be read or parsed; their entries are absent. */
  readonly fileErrors: readonly KubeconfigError[];
}

export function loadKubeconfig(paths: readonly string[] = kubeconfigPaths()): MergedKubeconfig {
  const clusters = new Map<string, ClusterEntry>();
  const users = new Map<string, UserEntry>();
  const contexts = new Map<string, ContextEntry>();
  const fileErrors: KubeconfigError[] = [];
  const files: string[] = [];
  let currentContext: string | undefined;
  for (const path of paths) {
    const document = readDocument(path, fileErrors);
    if (document === undefined) continue;
    files.push(path);
    const base = dirname(resolve(path));
    for (const entry of namedEntries(document['clusters'], path)) {
      if (!clusters.has(entry.name)) clusters.set(entry.name, toCluster(entry, base));
    }
    for (const entry of namedEntries(document['users'], path)) {
      if (!users.has(entry.name)) users.set(entry.name, toUser(entry, base));
    }
    for (const entry of namedEntries(document['contexts'], path)) {
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

/** The entries a context uses, checked; throws KubeconfigError naming the context and the problem. */
export function resolveContext(
  config: MergedKubeconfig,
  contextName: string,
): { context: ContextEntry; cluster: ClusterEntry; user: UserEntry | undefined } {
  const context = config.contexts.get(contextName);
  if (context === undefined) {
    throw new KubeconfigError(
      `context "${contextName}"`,
      `no such context in ${config.files.join(', ') || 'any kubeconfig file'}; pick one from listContexts()`,
    );
  }
  const problem = contextProblem(config, context);
  if (problem !== undefined) throw new KubeconfigError(`context "${contextName}"`, problem);
  return {
    context,
    cluster: config.clusters.get(context.cluster)!,
    user: context.user === '' ? undefined : config.users.get(context.user),
  };
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
    const document: unknown = load(text, { filename: path });
    if (document === null || document === undefined) return {};
    if (typeof document !== 'object' || Array.isArray(document))
      throw new Error('the top level is not a mapping');
    return document as Record<string, unknown>;
  } catch (error) {
    // js-yaml's mark is 0-based; editors count from 1.
    const where =
      error instanceof YAMLException
        ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}: ${error.reason}`
        : messageOf(error);
    fileErrors.push(
      new KubeconfigError(
        path,
        `is not valid kubeconfig YAML (${where}); fix it or remove it from KUBECONFIG`,
        {
          cause: error,
        },
      ),
    );
    return undefined;
  }
}

interface NamedEntry {
  readonly name: string;
  readonly source: string;
  readonly body: Record<string, unknown>;
}

function namedEntries(list: unknown, source: string): NamedEntry[] {
  if (!Array.isArray(list)) return [];
  const entries: NamedEntry[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, cluster, user, context } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') continue;
    const body = cluster ?? user ?? context ?? {};
    entries.push({
      name,
      source,
      body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
    });
  }
  return entries;
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function pathFrom(base: string, value: string | undefined): string | undefined {
  return value === undefined || isAbsolute(value) ? value : join(base, value);
}

function toCluster({ name, source, body }: NamedEntry, base: string): ClusterEntry {
  return {
    name,
    source,
    server: (text(body, 'server') ?? '').replace(/\/$/, ''),
    caData: text(body, 'certificate-authority-data'),
    caFile: pathFrom(base, text(body, 'certificate-authority')),
    skipTLSVerify: body['insecure-skip-tls-verify'] === true,
    tlsServerName: text(body, 'tls-server-name'),
    proxyUrl: text(body, 'proxy-url'),
  };
}

function toUser({ name, source, body }: NamedEntry, base: string): UserEntry {
  const exec = body['exec'];
  const provider = body['auth-provider'];
  const as = text(body, 'as');
  const asGroups = texts(body['as-groups']);
  const asUid = text(body, 'as-uid');
  return {
    name,
    source,
    certData: text(body, 'client-certificate-data'),
    certFile: pathFrom(base, text(body, 'client-certificate')),
    keyData: text(body, 'client-key-data'),
    keyFile: pathFrom(base, text(body, 'client-key')),
    token: text(body, 'token'),
    tokenFile: pathFrom(base, text(body, 'token-file')),
    username: text(body, 'username'),
    password: text(body, 'password'),
    ...(as === undefined && asGroups.length === 0 && asUid === undefined
      ? {}
      : { impersonate: { user: as, groups: asGroups, uid: asUid } }),
    ...(typeof exec === 'object' && exec !== null
      ? { exec: toExec(exec as Record<string, unknown>, base) }
      : {}),
    ...(typeof provider === 'object' && provider !== null
      ? { authProvider: toAuthProvider(provider as Record<string, unknown>) }
      : {}),
  };
}

// client-go resolves an exec command relative to the kubeconfig only when it contains a path
// separator; a bare name is looked up on PATH (client-go exec.go, kubeconfig docs "exec").
function toExec(exec: Record<string, unknown>, base: string): ExecPluginConfig {
  const command = text(exec, 'command') ?? '';
  const env = Array.isArray(exec['env']) ? (exec['env'] as unknown[]) : [];
  return {
    command: command.includes('/') && !isAbsolute(command) ? join(base, command) : command,
    args: texts(exec['args']),
    env: env.flatMap((item) => {
      const { name, value } = (item ?? {}) as Record<string, unknown>;
      return typeof name === 'string' && typeof value === 'string' ? [{ name, value }] : [];
    }),
    apiVersion: text(exec, 'apiVersion') ?? '',
    interactiveMode: text(exec, 'interactiveMode'),
    provideClusterInfo: exec['provideClusterInfo'] === true,
    installHint: text(exec, 'installHint'),
  };
}

function toAuthProvider(provider: Record<string, unknown>): NonNullable<UserEntry['authProvider']> {
  const config = (provider['config'] ?? {}) as Record<string, unknown>;
  return {
    name: text(provider, 'name') ?? '',
    config: Object.fromEntries(
      Object.entries(config).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
  };
}

function toContext({ name, source, body }: NamedEntry): ContextEntry {
  return {
    name,
    source,
    cluster: text(body, 'cluster') ?? '',
    user: text(body, 'user') ?? '',
    namespace: text(body, 'namespace'),
  };
}
