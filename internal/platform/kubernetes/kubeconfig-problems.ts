// Why a context of the merged kubeconfig cannot be used, said so that the user knows which entry,
// in which file, to fix: an undefined cluster or user, a server that is not a URL, unreadable or
// malformed TLS material, a token file that cannot be read, an exec plugin that is not installed,
// an auth-provider kubectl no longer supports.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { messageOf } from '../../model/message-of.js';
import type { ContextEntry, MergedKubeconfig, UserEntry } from './kubeconfig.js';
import { readTlsMaterial } from './kube-tls.js';

// kubectl 1.26 removed these in-tree auth providers (KEP-2133); their replacement is an exec plugin.
const REMOVED_AUTH_PROVIDERS: Readonly<Record<string, string>> = {
  gcp: 'gke-gcloud-auth-plugin',
  azure: 'kubelogin (github.com/Azure/kubelogin)',
};

export function contextProblem(config: MergedKubeconfig, context: ContextEntry): string | undefined {
  const cluster = config.clusters.get(context.cluster);
  if (cluster === undefined) return `cluster "${context.cluster}" is not defined in any kubeconfig file`;
  if (cluster.server === '') return `cluster "${cluster.name}" (in ${cluster.source}) has no server URL`;
  if (!/^https?:\/\/[^/]/.test(cluster.server)) {
    return `the server of cluster "${cluster.name}" (in ${cluster.source}) is not an http(s) URL: ${JSON.stringify(cluster.server.slice(0, 100))}`;
  }
  let user: UserEntry | undefined;
  if (context.user !== '') {
    user = config.users.get(context.user);
    if (user === undefined) return `user "${context.user}" is not defined in any kubeconfig file`;
  }
  try {
    readTlsMaterial(cluster, user);
  } catch (error) {
    return messageOf(error);
  }
  return user === undefined ? undefined : userProblem(user);
}

function userProblem(user: UserEntry): string | undefined {
  const where = `user "${user.name}" (in ${user.source})`;
  if (user.tokenFile !== undefined && !readable(user.tokenFile))
    return `cannot read token-file of user "${user.name}" at ${user.tokenFile}; fix the path or the file's permissions`;
  const removed = user.authProvider && REMOVED_AUTH_PROVIDERS[user.authProvider.name];
  if (removed !== undefined) {
    return `${where} uses the "${user.authProvider!.name}" auth-provider, which kubectl removed in 1.26; switch the user to the ${removed} exec credential plugin`;
  }
  if (user.exec === undefined) return undefined;
  const { command, apiVersion } = user.exec;
  if (command === '') return `${where} has an exec plugin without a command`;
  if (!apiVersion.startsWith('client.authentication.k8s.io/'))
    return `${where} has an exec plugin without an apiVersion; set client.authentication.k8s.io/v1`;
  return onPath(command)
    ? undefined
    : `exec credential plugin "${command}" of user "${user.name}" was not found or is not executable; ${user.exec.installHint?.trim() || 'install it or fix the command'}`;
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  const candidates = command.includes('/')
    ? [command]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, command));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
