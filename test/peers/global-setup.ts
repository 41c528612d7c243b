import { busyboxAvailable } from './busybox.js';
import { registryAvailable } from './registry.js';

// Starts nothing: each test file starts the peers it uses (beforeAll/afterAll). This only says
// once per run which of this harness's peers can start here, so a skipped test is no surprise.
export default function setup(): void {
  const peers = {
    'registry (none/basic)': registryAvailable('basic'),
    'registry (token)': registryAvailable('token'),
    'runnable images': busyboxAvailable(),
  };
  const line = Object.entries(peers)
    .map(([name, unavailable]) => `${name}: ${unavailable === null ? 'yes' : `no (${unavailable})`}`)
    .join('; ');
  console.log(`test peers available: ${line}`);
}
