// Where a registry domain is served and whether plain HTTP is allowed to it. Docker Hub's
// references say docker.io but its API lives at registry-1.docker.io (distribution
// normalize.go comments; Docker's registry/config.go DefaultRegistryHost). Plain http only for
// loopback hosts and registries the user listed as insecure, like dockerd's insecure-registries
// (which also always treats 127.0.0.0/8 as insecure).

const DOCKER_HUB_API = 'registry-1.docker.io';

export interface EndpointOptions {
  /** Domains (host[:port]) that are served over plain http. */
  readonly insecureRegistries?: readonly string[];
  /** Explicit base URLs by domain, e.g. { "docker.io": "http://127.0.0.1:5000" } in tests. */
  readonly registryUrls?: Readonly<Record<string, string>>;
}

export function isLoopbackHost(hostWithPort: string): boolean {
  const host = hostWithPort
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export function allowsPlainHttp(hostWithPort: string, options: EndpointOptions): boolean {
  return (
    isLoopbackHost(hostWithPort) || (options.insecureRegistries ?? []).includes(hostWithPort.toLowerCase())
  );
}

/** "docker.io" → "https://registry-1.docker.io"; "127.0.0.1:5000" → "http://127.0.0.1:5000". */
export function registryBaseUrl(domain: string, options: EndpointOptions): string {
  const explicit = options.registryUrls?.[domain];
  if (explicit !== undefined) return explicit.replace(/\/+$/, '');
  const host = domain === 'docker.io' ? DOCKER_HUB_API : domain;
  return `${allowsPlainHttp(host, options) ? 'http' : 'https'}://${host}`;
}
