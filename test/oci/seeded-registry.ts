// One real registry per suite, seeded with the standard fixtures (test/peers/seed.ts), started in
// beforeAll and stopped (by PID, through the peer) in afterAll.
import { afterAll, beforeAll } from 'vitest';
import { startRegistry, type RegistryOptions, type RegistryPeer } from '../peers/registry.js';
import { seedStandard, type SeededImages } from '../peers/seed.js';

export interface SeededRegistry {
  readonly peer: RegistryPeer;
  readonly seeded: SeededImages;
}

/** Call inside a describe; read `.peer` and `.seeded` inside its tests. */
export function useSeededRegistry(options: RegistryOptions): SeededRegistry {
  const state: { peer?: RegistryPeer; seeded?: SeededImages } = {};
  beforeAll(async () => {
    const peer = await startRegistry(options);
    state.peer = peer;
    state.seeded = await seedStandard({ url: peer.url, username: peer.username, password: peer.password });
  });
  afterAll(() => state.peer?.stop());
  return {
    get peer() {
      if (state.peer === undefined)
        throw new Error('useSeededRegistry: the registry is not started yet (read it inside a test)');
      return state.peer;
    },
    get seeded() {
      if (state.seeded === undefined)
        throw new Error('useSeededRegistry: the registry is not seeded yet (read it inside a test)');
      return state.seeded;
    },
  };
}
