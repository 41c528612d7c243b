// One image's page: its details (versions, explanation, notes, vulnerabilities, where it runs, the
// last run), reloaded when its check finishes, and "check now".
import type { CupdateBridge } from '../../../internal/api/contract.js';
import type { ImageDetails } from '../../../internal/model/image.js';
import { errorMessage, settle, type LoadState } from '../lib/load-state.js';
import type { ImageChecksStore } from './image-checks.js';

export type CheckRequest =
  | { readonly state: 'idle' }
  | { readonly state: 'sent'; readonly queued: boolean }
  | { readonly state: 'failed'; readonly message: string };

export class ImageDetailsStore {
  readonly reference: string;
  image: LoadState<ImageDetails | null> = $state({ state: 'loading' });
  /** The last "check now": idle again once its result arrived. */
  check: CheckRequest = $state({ state: 'idle' });
  readonly #bridge: CupdateBridge;
  readonly #unsubscribe: () => void;

  constructor(bridge: CupdateBridge, checks: ImageChecksStore, reference: string) {
    this.#bridge = bridge;
    this.reference = reference;
    this.#unsubscribe = checks.subscribe((changed) => {
      if (changed === reference) this.check = { state: 'idle' };
      if (changed === reference || changed === null) void this.load();
    });
    void this.load();
  }

  async load(): Promise<void> {
    this.image = await settle(() => this.#bridge.invoke('getImage', { reference: this.reference }));
  }

  async checkNow(): Promise<void> {
    try {
      const { queued } = await this.#bridge.invoke('checkNow', { reference: this.reference });
      this.check = { state: 'sent', queued };
    } catch (error) {
      this.check = { state: 'failed', message: errorMessage(error) };
    }
  }

  dispose(): void {
    this.#unsubscribe();
  }
}
