// The platforms a `scan` runs, from its arguments: static lists, Docker endpoints (discovered the
// way the docker CLI finds them, internal/platform/docker/endpoints.ts) and kube contexts (the
// merged kubeconfig, internal/platform/kubernetes/kubeconfig.ts). Asking for something that is not
// there (a list file that cannot be read, an unknown context) is a usage error; the defaults
// quietly take whatever exists.
import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { DockerPlatform } from '../platform/docker/docker-platform.js';
import { discoverEndpoints, type DockerEndpoint } from '../platform/docker/endpoints.js';
import { listContexts, loadKubeconfig } from '../platform/kubernetes/kubeconfig.js';
import { KubernetesPlatform } from '../platform/kubernetes/kubernetes-platform.js';
import type { Platform } from '../platform/platform.js';
import { StaticPlatform } from '../platform/static/static-platform.js';
import type { DockerChoice, KubeChoice, ScanArgs } from './scan-args.js';
import { CliUsageError } from './usage-error.js';
import { messageOf } from '../model/message-of.js';

export async function scanPlatforms(args: ScanArgs, warn: (message: string) => void): Promise<Platform[]> {
  const lists = await Promise.all(args.lists.map(listPlatform));
  const docker = args.docker === null ? [] : await dockerPlatforms(args.docker, warn);
  const kube = args.kube === null ? [] : kubePlatforms(args.kube, warn);
  return [...lists, ...docker, ...kube];
}

async function listPlatform(path: string): Promise<Platform> {
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw new CliUsageError(`--list ${path}: the file cannot be read (${messageOf(cause)})`, {
      cause,
    });
  }
  return new StaticPlatform(path);
}

async function dockerPlatforms(choice: DockerChoice, warn: (message: string) => void): Promise<Platform[]> {
  const discover = (env: NodeJS.ProcessEnv) =>
    discoverEndpoints(env, {
      homeDir: homedir(),
      os: process.platform,
      onProblem: (problem) => warn(`docker: ${problem.message}`),
    });
  if (choice.kind === 'discovered') {
    const endpoints = (await discover(process.env)).filter((endpoint) => endpoint.exists);
    return endpoints.map((endpoint) => new DockerPlatform({ endpoint }));
  }
  const endpoints = await Promise.all(
    choice.hosts.map(async (host): Promise<DockerEndpoint> => {
      const found = (await discover({ ...process.env, DOCKER_HOST: host })).find(
        (endpoint) => endpoint.source === 'DOCKER_HOST',
      );
      if (found === undefined) {
        throw new CliUsageError(
          `--docker ${host}: not a Docker endpoint; give unix:///path, tcp://host:port, npipe:////./pipe/name or ssh://user@host`,
        );
      }
      // Named by what the user typed, so two --docker endpoints get two platform ids.
      return { ...found, id: host, name: host };
    }),
  );
  return endpoints.map((endpoint) => new DockerPlatform({ endpoint }));
}

function kubePlatforms(choice: KubeChoice, warn: (message: string) => void): Platform[] {
  const kubeconfig = loadKubeconfig();
  for (const problem of kubeconfig.fileErrors) warn(`kubernetes: ${problem.message}`);
  const contexts = listContexts(kubeconfig);
  const usable = contexts.filter((context) => context.error === undefined);
  let names: readonly string[];
  if (choice.kind === 'current') {
    names = usable.filter((context) => context.current).map((context) => context.name);
  } else if (choice.kind === 'all') {
    for (const context of contexts) {
      if (context.error !== undefined) warn(`kubernetes: context ${context.name} skipped: ${context.error}`);
    }
    names = usable.map((context) => context.name);
  } else {
    for (const name of choice.names) {
      const context = contexts.find((candidate) => candidate.name === name);
      if (context === undefined) {
        const known = contexts.map((candidate) => candidate.name).join(', ') || 'none';
        throw new CliUsageError(
          `--kube-context ${name}: no such context in the kubeconfig (it has: ${known})`,
        );
      }
      if (context.error !== undefined) throw new CliUsageError(`--kube-context ${name}: ${context.error}`);
    }
    names = choice.names;
  }
  return names.map((context) => new KubernetesPlatform({ kubeconfig, context }));
}
