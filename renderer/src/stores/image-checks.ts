// What is known of each running image's last check: the snapshot's `images`, then one
// `image-updated` event per finished check. The graph colours its nodes by it; the image list and
// an image's page reload when theirs changes.
import type { ApiEvents, ImageUpdateView } from '../../../internal/api/contract.js';
import type { ImageUpdateState } from '../graph/types.js';

/** Told which image's check changed; null: all of them (a new snapshot replaced what was known). */
export type CheckListener = (reference: string | null) => void;

export class ImageChecksStore {
  readonly #byReference = new Map<string, ImageUpdateState>();
  readonly #listeners = new Set<CheckListener>();

  /** Every image's last check by reference; read it, the store alone changes it. */
  get updates(): ReadonlyMap<string, ImageUpdateState> {
    return this.#byReference;
  }

  subscribe(listener: CheckListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The live feed's side: what a snapshot says of every image. */
  replaceAll(images: readonly ImageUpdateView[]): void {
    this.#byReference.clear();
    for (const { reference, kind, error } of images) this.#byReference.set(reference, { kind, error });
    this.#tell(null);
  }

  /** The live feed's side: one finished check. */
  updated({ reference, kind, error }: ApiEvents['image-updated']): void {
    this.#byReference.set(reference, { kind, error });
    this.#tell(reference);
  }

  #tell(reference: string | null): void {
    for (const listener of [...this.#listeners]) listener(reference);
  }
}
