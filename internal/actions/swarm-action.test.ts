import { describe, expect, it } from 'vitest';
import type { DockerPlace } from './places.js';
import { swarmAction } from './swarm-action.js';

const OLD = `sha256:${'a'.repeat(64)}`;

describe('swarmAction', () => {
  it('updates the service by tag (swarm pins the digest itself), quoting a hostile name', () => {
    const place = {
      kind: 'docker',
      platform: 'docker:swarm',
      image: { id: 'i', kind: 'image', platform: 'docker:swarm', name: `nginx:1.25@${OLD}` },
      host: {
        id: 'h',
        kind: 'docker-host',
        platform: 'docker:swarm',
        name: 'manager',
        endpoint: 'unix:///run/docker.sock',
      },
      swarmService: "-api; echo 'x'",
    } as DockerPlace & { swarmService: string };
    const action = swarmAction(place, { bump: 'minor', tag: '1.26', digest: null }, ['--context', 'prod']);
    expect(action.image).toBe('nginx:1.26');
    expect(action.commands).toEqual([
      `docker --context prod service update --image nginx:1.26 -- '-api; echo '\\''x'\\'''`,
    ]);
  });
});
