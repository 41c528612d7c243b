// The images in the store, as the pages that show them ask for them: the Images page's paged
// query, and one image's page. Each lives as long as its page and is disposed with it.
import type { CupdateBridge } from '../../../internal/api/contract.js';
import { ImageDetailsStore } from './image-details.svelte.js';
import type { ImageChecksStore } from './image-checks.js';
import { ImageListStore, type ImageQuery } from './image-list.svelte.js';

export class ImagesStore {
  readonly #bridge: CupdateBridge;
  readonly #checks: ImageChecksStore;

  constructor(bridge: CupdateBridge, checks: ImageChecksStore) {
    this.#bridge = bridge;
    this.#checks = checks;
  }

  list(query: ImageQuery, pageSize?: number): ImageListStore {
    return new ImageListStore(this.#bridge, this.#checks, query, pageSize);
  }

  details(reference: string): ImageDetailsStore {
    return new ImageDetailsStore(this.#bridge, this.#checks, reference);
  }
}
