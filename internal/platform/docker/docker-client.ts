// A dockerode client for one discovered endpoint, with its own HTTP agent so that stop() can close
// every socket the platform opened (Node 20's global agent keeps idle sockets alive).
import { readFile } from 'node:fs/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { inspect } from 'node:util';
import Dockerode from 'dockerode';
import type { DockerEndpoint } from './endpoints.js';
import { localPath } from './endpoints.js';

export interface DockerClient {
  readonly docker: Dockerode;
  /** Destroys every socket of this client, including a streaming /events request. */
  close(): void;
}

// A relist inspects every container; eight at a time keeps a large host responsive (one socket
// is the long-lived /events stream). Kept-alive sockets make a relist of 40 containers ~40% faster;
// close() destroys them.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 8 };

/** The endpoint's TLS files could not be read. */
export class DockerTlsFileError extends Error {
  override readonly name = 'DockerTlsFileError';
  constructor(
    readonly endpoint: string,
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `Docker endpoint "${endpoint}": cannot read TLS file ${path}; fix the context or DOCKER_CERT_PATH`,
      options,
    );
  }
}

export async function createDockerClient(
  endpoint: DockerEndpoint,
  env: Readonly<Record<string, string | undefined>>,
): Promise<DockerClient> {
  const socketPath = localPath(endpoint.host);
  // Every connection field is set, undefined or not: docker-modem merges in defaults read from
  // this process's DOCKER_HOST, which must not override the endpoint the user chose.
  const unset = {
    host: undefined,
    port: undefined,
    socketPath: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  };
  if (socketPath !== undefined) return withAgent({ ...unset, socketPath }, new HttpAgent(AGENT_OPTIONS));
  const url = new URL(endpoint.host);
  if (url.protocol === 'ssh:') {
    // The ssh transport makes its own agent per request (docker-modem lib/ssh.js); it closes with them.
    const docker = new Dockerode({
      ...unset,
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: decodeURIComponent(url.username),
      sshOptions: { agent: env.SSH_AUTH_SOCK },
    } as Dockerode.DockerOptions);
    return { docker, close: () => {} };
  }
  const tls = endpoint.tls;
  if (tls === undefined) {
    return withAgent(
      { ...unset, protocol: 'http', host: url.hostname, port: url.port || 2375 },
      new HttpAgent(AGENT_OPTIONS),
    );
  }
  const [ca, cert, key] = await Promise.all(
    [tls.ca, tls.cert, tls.key].map((path) => readTlsFile(endpoint.name, path)),
  );
  // TLS settings live on the agent: docker-modem has no option for skipping verification.
  const agent = new HttpsAgent({ ...AGENT_OPTIONS, rejectUnauthorized: tls.verify, ca, cert, key });
  return withAgent({ ...unset, protocol: 'https', host: url.hostname, port: url.port || 2376 }, agent);
}

// docker-modem passes `agent` on to http.request; @types/dockerode does not list it.
function withAgent(options: Dockerode.DockerOptions, agent: HttpAgent): DockerClient {
  // docker-modem builds a debug line with util.inspect(options, { showHidden: true, depth: null })
  // on every request, debug enabled or not (lib/modem.js buildRequest). Through `agent` that walks
  // every pending request and socket: 40 parallel inspects took ~1 s instead of ~15 ms.
  Object.defineProperty(agent, inspect.custom, { value: () => '[docker agent]' });
  const docker = new Dockerode({ ...options, agent } as Dockerode.DockerOptions);
  return { docker, close: () => agent.destroy() };
}

async function readTlsFile(endpoint: string, path: string | undefined): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (cause) {
    throw new DockerTlsFileError(endpoint, path, { cause });
  }
}
