// The platforms: the ones the core runs (from each snapshot, then `platform-status` events and
// the answer to `selectPlatforms`), and what discovery found to choose from (Docker endpoints,
// kube contexts, kubeconfig files, static lists). The Platforms and Welcome pages share it.
import type {
  ApiEvents,
  CupdateBridge,
  Discovery,
  PlatformSelection,
  PlatformStatus,
  PlatformView,
} from '../../../internal/api/contract.js';
import { settle, type LoadState } from '../lib/load-state.js';

export class PlatformsStore {
  /** The platforms the core runs, each with its last known status. */
  running: readonly PlatformView[] = $state.raw([]);
  /** What discovery found; loading until `discover()` answered. */
  discovery: LoadState<Discovery> = $state({ state: 'loading' });
  readonly #bridge: CupdateBridge;

  constructor(bridge: CupdateBridge) {
    this.#bridge = bridge;
  }

  statusOf(id: string): PlatformStatus | undefined {
    return this.running.find((platform) => platform.id === id)?.status;
  }

  /** Looks for Docker engines, kube contexts and kubeconfig files (again). */
  async discover(): Promise<void> {
    this.discovery = { state: 'loading' };
    this.discovery = await settle(() => this.#bridge.invoke('discovery', {}));
  }

  /** Watches exactly `selection`; rejects with the core's error (nothing was stopped then). */
  async select(selection: PlatformSelection): Promise<void> {
    const { platforms } = await this.#bridge.invoke('selectPlatforms', selection);
    this.running = platforms;
  }

  /** The live feed's side: a snapshot's platforms. */
  replaceAll(platforms: readonly PlatformView[]): void {
    this.running = platforms;
  }

  /** The live feed's side: a status changed. A platform not known yet comes with the next snapshot. */
  statusChanged({ platform, status }: ApiEvents['platform-status']): void {
    this.running = this.running.map((view) => (view.id === platform ? { ...view, status } : view));
  }
}
