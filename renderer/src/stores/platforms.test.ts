import { describe, expect, it } from 'vitest';
import type { PlatformSelection, PlatformView } from '../../../internal/api/contract.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { discovery } from '../testing/fixtures.js';
import { PlatformsStore } from './platforms.svelte.js';

const local: PlatformView = { id: 'docker:local', type: 'docker', name: 'local', status: { state: 'live' } };
const prod: PlatformView = {
  id: 'kubernetes:prod-eu',
  type: 'kubernetes',
  name: 'prod-eu',
  status: { state: 'connecting' },
};
const selection: PlatformSelection = {
  dockerEndpoints: ['system'],
  kubeContexts: ['prod-eu'],
  staticLists: [],
};

describe('PlatformsStore (fake bridge)', () => {
  it('knows the running platforms from the snapshot, then from status events and the switch', async () => {
    const bridge = fakeBridge({ selectPlatforms: () => ({ platforms: [local, prod] }) });
    const store = new PlatformsStore(bridge);
    store.replaceAll([local]);
    store.statusChanged({ platform: 'docker:local', status: { state: 'degraded', reason: 'events lag' } });
    store.statusChanged({ platform: 'docker:elsewhere', status: { state: 'live' } }); // not running: ignored
    expect(store.running).toEqual([{ ...local, status: { state: 'degraded', reason: 'events lag' } }]);
    await store.select(selection);
    expect(bridge.calls).toEqual([{ method: 'selectPlatforms', params: selection }]);
    expect(store.statusOf('kubernetes:prod-eu')).toEqual({ state: 'connecting' });
    expect(store.statusOf('docker:local')).toEqual({ state: 'live' });
  });

  it('rejects a refused switch with the core’s words and keeps what runs', async () => {
    const bridge = fakeBridge({
      selectPlatforms: () => {
        throw {
          code: 'invalid-params',
          message: 'selectPlatforms: no kube context "nope" in the kubeconfig',
        };
      },
    });
    const store = new PlatformsStore(bridge);
    store.replaceAll([local]);
    await expect(store.select({ ...selection, kubeContexts: ['nope'] })).rejects.toMatchObject({
      message: 'selectPlatforms: no kube context "nope" in the kubeconfig',
    });
    expect(store.running).toEqual([local]);
  });

  it('discovers, and says why when discovery fails', async () => {
    let fail = false;
    const store = new PlatformsStore(
      fakeBridge({
        discovery: () => {
          if (fail) throw { code: 'internal', message: 'the kubeconfig could not be read: EACCES' };
          return discovery;
        },
      }),
    );
    expect(store.discovery).toEqual({ state: 'loading' });
    await store.discover();
    expect(store.discovery).toEqual({ state: 'ready', value: discovery });
    fail = true;
    await store.discover();
    expect(store.discovery).toEqual({ state: 'failed', message: 'the kubeconfig could not be read: EACCES' });
  });
});
