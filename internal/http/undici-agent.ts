// undici's Agent, loaded without the rest of undici. The package's index.js requires everything it
// offers at once (fetch, WebSocket, EventSource, mocks, cache stores, interceptors): ~100 ms on
// this machine, most of `cupdate scan`'s start-up (docs/pipeline.md, "Start-up"). The client needs
// the Agent and its `request()`, which index.js gives every dispatcher by copying lib/api onto
// Dispatcher.prototype; these lines do the same with only those files. The paths are undici
// 7.30's (package.json pins it exactly); undici-agent.test.ts fails if they move.
import { createRequire } from 'node:module';
import type { Agent as UndiciAgent } from 'undici';

const require = createRequire(import.meta.url);
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js') as { prototype: object };
Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js') as object);

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
export type Agent = UndiciAgent;
