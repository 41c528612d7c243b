// The last known status of each platform, from `selectPlatforms` answers and `platform-status` events.
import type { CupdateBridge, PlatformStatus, PlatformView } from '../../../internal/api/contract.js';
import { on } from './events.js';

export class PlatformStatuses {
  #byId: ReadonlyMap<string, PlatformStatus> = $state.raw(new Map());
  readonly dispose: () => void;

  constructor(bridge: CupdateBridge) {
    this.dispose = on(bridge, 'platform-status', ({ platform, status }) => {
      this.#byId = new Map(this.#byId).set(platform, status);
    });
  }

  get(id: string): PlatformStatus | undefined {
    return this.#byId.get(id);
  }

  /** The platforms a selection started, replacing what was known. */
  replace(platforms: readonly PlatformView[]): void {
    this.#byId = new Map(platforms.map((p) => [p.id, p.status]));
  }
}
