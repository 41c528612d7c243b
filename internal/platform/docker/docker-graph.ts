// The graph one Docker endpoint shows: image → container → compose service → compose project →
// docker host, or image → container → swarm task → swarm service → docker host, or
// image → container → docker host. Built whole from the containers' facts each time something
// changes; graph.diff turns two such graphs into patches, so shared nodes (an image several
// containers run, a compose project) come and go with their last user.
import { Graph } from '../../graph/graph.js';
import type { DockerHostNode, GraphEdge, GraphNode, ImageNode, PlatformId } from '../../graph/types.js';
import type { ContainerFacts } from './container-facts.js';
import type { HostFacts } from './host-facts.js';
import { runningReference } from './running-reference.js';

// Labels set by `docker compose` (compose-spec) and by swarm mode on the containers they create.
const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';
const SWARM_SERVICE = 'com.docker.swarm.service.name';
const SWARM_TASK = 'com.docker.swarm.task.name';
// Cupdate's per-image rules (https://github.com/AlexGustafsson/cupdate, docs: "cupdate.config.*").
const IMAGE_RULE_PREFIX = 'cupdate.config.';

export function hostNodeId(platform: PlatformId, host: HostFacts): string {
  return `${platform}/docker-host/${host.name}`;
}

export function dockerGraph(
  platform: PlatformId,
  host: HostFacts,
  containers: Iterable<ContainerFacts>,
): Graph {
  const hostNode: DockerHostNode = {
    id: hostNodeId(platform, host),
    kind: 'docker-host',
    platform,
    name: host.name,
    endpoint: host.endpoint,
    ...(host.os && { os: host.os }),
    ...(host.architecture && { architecture: host.architecture }),
    ...(host.engineVersion && { engineVersion: host.engineVersion }),
  };
  const nodes = new Map<string, GraphNode>([[hostNode.id, hostNode]]);
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode, parent: string): string => {
    nodes.set(node.id, node);
    edges.push({ from: node.id, to: parent });
    return node.id;
  };

  for (const container of containers) {
    const holder = holderOf(platform, container, hostNode.id, add);
    const containerId = add(
      {
        id: `${platform}/container/${container.id}`,
        kind: 'container',
        platform,
        name: container.name,
        role: 'container',
        state: container.state,
        labels: container.labels,
      },
      holder,
    );
    add(imageNode(platform, host, container), containerId);
  }
  return Graph.from(nodes.values(), edges);
}

/** The node a container hangs from: its swarm task, its compose service, or the host. */
function holderOf(
  platform: PlatformId,
  container: ContainerFacts,
  hostId: string,
  add: (node: GraphNode, parent: string) => string,
): string {
  const { labels } = container;
  const swarmService = labels[SWARM_SERVICE];
  if (swarmService !== undefined) {
    const serviceId = add(
      {
        id: `${platform}/swarm-service/${swarmService}`,
        kind: 'swarm-service',
        platform,
        name: swarmService,
      },
      hostId,
    );
    const task = labels[SWARM_TASK];
    if (task === undefined) return serviceId;
    return add({ id: `${platform}/swarm-task/${task}`, kind: 'swarm-task', platform, name: task }, serviceId);
  }
  const project = labels[COMPOSE_PROJECT];
  if (project !== undefined) {
    const projectId = add(
      { id: `${platform}/compose-project/${project}`, kind: 'compose-project', platform, name: project },
      hostId,
    );
    const service = labels[COMPOSE_SERVICE];
    if (service === undefined) return projectId;
    return add(
      {
        id: `${platform}/compose-service/${project}/${service}`,
        kind: 'compose-service',
        platform,
        name: service,
      },
      projectId,
    );
  }
  return hostId;
}

// The image's own platform wins over the host's: an amd64 image emulated on an arm64 Mac updates
// from the amd64 manifest of its index.
function imageNode(platform: PlatformId, host: HostFacts, container: ContainerFacts): ImageNode {
  const image = container.image;
  const running = runningReference(container.configImage, container.imageId, image?.repoDigests ?? []);
  const os = image?.os ?? host.os;
  const architecture = image?.architecture ?? host.architecture;
  const variant = image?.architecture ? image.variant : host.variant;
  const labels = Object.fromEntries(
    Object.entries(image?.labels ?? {}).filter(([key]) => key.startsWith(IMAGE_RULE_PREFIX)),
  );
  return {
    id: `${platform}/image/${running.reference ?? container.imageId}`,
    kind: 'image',
    platform,
    name: running.name,
    ...(running.reference !== undefined && { reference: running.reference }),
    ...(running.unresolvable !== undefined && { unresolvable: running.unresolvable }),
    ...(os && { os }),
    ...(architecture && { architecture }),
    ...(variant && { variant }),
    ...(Object.keys(labels).length > 0 && { labels }),
  };
}
