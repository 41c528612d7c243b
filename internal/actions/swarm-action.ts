// The update of a swarm service's task: the service changes, swarm replaces the tasks. Swarm pins
// each task's image by digest itself (`docker service update --resolve-image always`, the default),
// so the command names the tag only, whatever the task's spelling.
import { splitWritten } from './image-spelling.js';
import type { DockerPlace } from './places.js';
import { shellCommand } from './shell-quote.js';
import type { SwarmAction, UpdateTarget } from './types.js';

export function swarmAction(
  place: DockerPlace & { swarmService: string },
  target: UpdateTarget,
  docker: readonly string[],
): SwarmAction {
  const image = `${splitWritten(place.image.name).name}:${target.tag}`;
  const service = place.swarmService;
  return {
    kind: 'swarm-service',
    platform: place.platform,
    place: [place.host.name, service],
    service,
    image,
    notes: [],
    commands: [
      shellCommand([
        'docker',
        ...docker,
        'service',
        'update',
        '--image',
        image,
        ...(service.startsWith('-') ? ['--'] : []),
        service,
      ]),
    ],
  };
}
