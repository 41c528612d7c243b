// The whole app on the fake bridge's fixtures, for screenshots and for looking at the UI without a
// core: `demo.html` for a populated install, `demo.html?empty` for the first-run welcome page.
import { mount } from 'svelte';
import App from '../App.svelte';
import { createStores } from '../stores/create-stores.js';
import '../styles/app.css';
import { fakeBridge } from './fake-bridge.js';
import { emptyDiscovery, nginx, populatedHandlers, summary } from './fixtures.js';

const empty = new URLSearchParams(location.search).has('empty');
const handlers = populatedHandlers(5000);
const bridge = fakeBridge(
  empty
    ? {
        ...handlers,
        summary: () => ({
          ...summary,
          total: 0,
          upToDate: 0,
          vulnerable: 0,
          failed: 0,
          processing: 0,
          pending: 0,
          outdated: { major: 0, minor: 0, patch: 0, digest: 0 },
        }),
        discovery: () => emptyDiscovery,
      }
    : {
        ...handlers,
        // The graph page's data: where nginx runs.
        snapshot: () => ({
          sequence: 1,
          graph: { nodes: nginx.runsOn.nodes, edges: nginx.runsOn.edges },
          summary,
          platforms: [
            { id: 'kubernetes:prod-eu', type: 'kubernetes', name: 'prod-eu', status: { state: 'live' } },
          ],
          queue: { queued: 0, running: 0 },
          images: [{ reference: nginx.reference, kind: nginx.update?.kind ?? null, error: null }],
        }),
      },
);

const target = document.getElementById('app');
if (target === null) throw new Error('demo.html has no #app element');
mount(App, { target, props: { stores: createStores(bridge) } });
