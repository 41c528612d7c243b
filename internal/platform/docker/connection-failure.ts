// Why an endpoint could not be reached, said so that the user knows what to do. Node reports
// socket failures as errno codes (ENOENT: no socket file, ECONNREFUSED: nobody listening, EACCES:
// not in the docker group) and TLS failures as OpenSSL codes (ERR_SSL_…, …CERT…).
import { DockerTlsFileError } from './docker-client.js';
import type { DockerEndpoint } from './endpoints.js';

export function describeConnectionFailure(
  endpoint: Pick<DockerEndpoint, 'name' | 'host'>,
  error: unknown,
): string {
  if (error instanceof DockerTlsFileError) return error.message;
  const what = `Docker endpoint "${endpoint.name}" (${endpoint.host})`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = ((error as Error | undefined)?.message ?? String(error)).trim();
  switch (code) {
    case 'ENOENT':
      return `${what} is not there: no socket at that path; start Docker (or the engine that serves it) or pick another endpoint`;
    case 'ECONNREFUSED':
      return `${what} refused the connection; start the Docker daemon or pick another endpoint`;
    case 'EACCES':
      return `${what} denied access to its socket; add your user to the "docker" group (then log in again) or pick another endpoint`;
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return `${what} failed the TLS handshake (${code}); check its TLS files (the context's, or DOCKER_CERT_PATH) and DOCKER_TLS_VERIFY`;
  }
  return `${what} is unreachable: ${detail}; check that Docker is running, or pick another endpoint`;
}
