// Docker endpoints as a platform kind (internal/platform/platform.ts): found the way the docker CLI
// finds them (endpoints.ts), named by the id discovery gives them or by an address the user types
// (`tcp://host:2375`, `unix:///path`), and built into a DockerPlatform, whose module (and dockerode
// with it) is loaded only then.
import type { DockerEndpointView } from '../../api/contract.js';
import type { PlatformId } from '../../graph/types.js';
import type { DiscoveryPlace, PlatformDescriptor } from '../platform.js';
import { PlatformChoiceError } from '../platform.js';
import { discoverEndpoints, type DockerEndpoint } from './endpoints.js';

export interface DockerFound {
  readonly place: DiscoveryPlace;
  readonly endpoints: readonly DockerEndpoint[];
}

/** The platform id of an endpoint: the one place the `docker:<name>` scheme is spelled. */
export function dockerPlatformId(endpoint: Pick<DockerEndpoint, 'name'>): PlatformId {
  return `docker:${endpoint.name}`;
}

const ADDRESSES = 'unix:///path, tcp://host:port, npipe:////./pipe/name or ssh://user@host';

function discover(place: DiscoveryPlace, warn: (message: string) => void): Promise<DockerEndpoint[]> {
  return discoverEndpoints(place.env, {
    homeDir: place.homeDir,
    os: process.platform,
    onProblem: (problem) => warn(`docker: ${problem.message}`),
  });
}

/** The endpoint `name` selects: a discovered one by id, else an address, as DOCKER_HOST would take it. */
async function endpointFor(found: DockerFound, name: string): Promise<DockerEndpoint> {
  const known = found.endpoints.find((endpoint) => endpoint.id === name);
  if (known !== undefined) return known;
  const fromAddress = (
    await discover({ ...found.place, env: { ...found.place.env, DOCKER_HOST: name } }, () => undefined)
  ).find((endpoint) => endpoint.source === 'DOCKER_HOST');
  if (fromAddress === undefined) {
    const ids = found.endpoints.map((endpoint) => endpoint.id).join(', ') || 'none';
    throw new PlatformChoiceError(
      name,
      `is neither a discovered Docker endpoint (found: ${ids}) nor an address (${ADDRESSES})`,
    );
  }
  // Named by what the user typed, so two addresses get two platform ids.
  return { ...fromAddress, id: name, name };
}

function endpointView(endpoint: DockerEndpoint, connected: boolean): DockerEndpointView {
  const { id, name, source, host, exists, isDefault } = endpoint;
  return { id, name, source, host, exists, isDefault, connected, platformId: dockerPlatformId(endpoint) };
}

export const dockerDescriptor: PlatformDescriptor<DockerFound> = {
  type: 'docker',
  selectionKey: 'dockerEndpoints',
  option: '--docker',
  async discover(place, warn) {
    return { place, endpoints: await discover(place, warn) };
  },
  defaults: (found) => found.endpoints.filter((endpoint) => endpoint.exists).map((endpoint) => endpoint.id),
  every: (found) => dockerDescriptor.defaults(found),
  async build(found, name) {
    const endpoint = await endpointFor(found, name);
    const { DockerPlatform } = await import('./docker-platform.js');
    return new DockerPlatform({ endpoint });
  },
  describe(found, running) {
    const connected = (endpoint: DockerEndpoint) => {
      const state = running.status(dockerPlatformId(endpoint))?.state;
      return state === 'live' || state === 'degraded';
    };
    return {
      dockerEndpoints: found.endpoints.map((endpoint) => endpointView(endpoint, connected(endpoint))),
    };
  },
};
