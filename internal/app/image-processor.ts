// What the scheduler runs for one reference: the "process image" workflow, then its result, tags,
// run record and history saved in one store transaction, then the events hosts listen to.
import { processImage } from '../pipeline/process-image.js';
import type { ProcessImageWorkflow } from '../pipeline/process-image-workflow.js';
import type { Store } from '../store/store.js';
import type { HistoryEvent } from '../model/history.js';
import type { ProcessedImage } from '../model/processed.js';
import type { AppEmitter, ImageSummary } from './events.js';
import type { ImageTarget } from './image-target.js';
import { listAllImages } from '../store/list-all-images.js';

/** Rejected with, after saving, so the scheduler's progress event says `failed` with the reason. */
export class ImageCheckFailedError extends Error {
  override readonly name = 'ImageCheckFailedError';
}

export interface ImageProcessorDeps {
  readonly store: Store;
  readonly workflow: ProcessImageWorkflow;
  readonly events: AppEmitter;
  readonly now: () => number;
  /** The image as it runs now, or undefined when it runs nowhere any more (or is ignored). */
  readonly target: (reference: string) => ImageTarget | undefined;
}

export class ImageProcessor {
  readonly #deps: ImageProcessorDeps;
  /** The latest reference each image was last known to have, to tell a new update from a known one. */
  readonly #knownLatest = new Map<string, string | null>();

  constructor(deps: ImageProcessorDeps) {
    this.#deps = deps;
    this.#loadKnownLatest();
  }

  async process(reference: string, signal: AbortSignal): Promise<void> {
    const { store, workflow, events, now } = this.#deps;
    const target = this.#deps.target(reference);
    if (target === undefined || target.ignored) return;
    store.markProcessing(reference);
    const outcome = await processImage(workflow, target, { signal, now });
    if (outcome.status === 'cancelled') return;
    const found = this.#newUpdate(outcome.processed);
    const processed: ProcessedImage =
      found === null ? outcome.processed : { ...outcome.processed, history: [found] };
    store.saveProcessed(processed);
    const summary = summarize(processed);
    if (processed.status === 'done') this.#knownLatest.set(reference, summary.latestReference);
    events.emit('image-updated', { reference, summary });
    if (found !== null) events.emit('updates-found', { references: [reference] });
    if (processed.status === 'failed') throw new ImageCheckFailedError(processed.error);
  }

  /** An `update-found` history event when the check found an update it did not know of. */
  #newUpdate(processed: ProcessedImage): HistoryEvent | null {
    if (processed.status !== 'done' || processed.result.kind === 'none') return null;
    const { kind, latestReference, latestDigest } = processed.result;
    const known = this.#knownLatest.get(processed.reference);
    if (known !== undefined && known === latestReference) return null;
    return { kind: 'update-found', details: { kind, latestReference, latestDigest } };
  }

  #loadKnownLatest(): void {
    for (const item of listAllImages(this.#deps.store, { includeDisappeared: true })) {
      if (item.update !== null) this.#knownLatest.set(item.reference, item.update.latestReference);
    }
  }
}

function summarize(processed: ProcessedImage): ImageSummary {
  return processed.status === 'done'
    ? {
        status: 'done',
        kind: processed.result.kind,
        latestReference: processed.result.latestReference,
        error: null,
      }
    : { status: 'failed', kind: null, latestReference: null, error: processed.error };
}
