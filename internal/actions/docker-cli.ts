// How a `docker` command reaches the same daemon the platform watches. The default endpoint is
// what a plain `docker` talks to (DOCKER_HOST, else the current context, else the system socket:
// docs/docker.md), so it gets no flag; a context gets `--context`; any other endpoint gets `-H`
// and, for TLS, the docker CLI's global TLS flags with the files discovery found.
import type { DockerHostNode } from '../graph/types.js';
import type { DockerEndpoint } from '../platform/docker/endpoints.js';

export function dockerGlobalFlags(endpoint: DockerEndpoint | undefined, host: DockerHostNode): string[] {
  if (endpoint === undefined) return ['-H', host.endpoint];
  if (endpoint.isDefault) return [];
  if (endpoint.source.startsWith('context:')) return ['--context', endpoint.source.slice('context:'.length)];
  const tls = endpoint.tls;
  if (tls === undefined) return ['-H', endpoint.host];
  return [
    '-H',
    endpoint.host,
    tls.verify ? '--tlsverify' : '--tls',
    ...(tls.ca === undefined ? [] : ['--tlscacert', tls.ca]),
    ...(tls.cert === undefined ? [] : ['--tlscert', tls.cert]),
    ...(tls.key === undefined ? [] : ['--tlskey', tls.key]),
  ];
}

/**
 * True when the daemon's compose files are this machine's files: a local socket (Docker Desktop,
 * Colima and Podman machines run compose on this machine too) or a TCP address on loopback.
 */
export function isThisMachine(hostAddress: string): boolean {
  if (hostAddress.startsWith('unix://') || hostAddress.startsWith('npipe://')) return true;
  if (!hostAddress.startsWith('tcp://')) return false;
  const hostname = new URL(hostAddress).hostname;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}
