// One typed event from the bridge's single stream: `on(bridge, 'progress', (e) => …)`.
import type { ApiEventName, ApiEvents, CupdateBridge } from '../../../internal/api/contract.js';

export function on<E extends ApiEventName>(
  bridge: CupdateBridge,
  name: E,
  handler: (event: ApiEvents[E]) => void,
): () => void {
  return bridge.subscribe((eventName, event) => {
    if ((eventName as ApiEventName) === name) handler(event as ApiEvents[E]);
  });
}
