// The Images page's data: one query over the store, fetched in pages as the virtual list scrolls, so
// a list of ten thousand images costs a few hundred rows of memory and a few calls. A finished check
// changes rows and maybe their order: the pages on hand are reloaded, at most once a second.
import type { CupdateBridge } from '../../../internal/api/contract.js';
import { compareText } from '../../../internal/model/compare-text.js';
import type { ImageListItem } from '../../../internal/model/image.js';
import type { ListImagesQuery } from '../../../internal/model/image-query.js';
import { debounce } from '../lib/debounce.js';
import { errorMessage } from '../lib/load-state.js';
import type { ImageChecksStore } from './image-checks.js';

export type ImageQuery = Omit<ListImagesQuery, 'limit' | 'offset'>;

export class ImageListStore {
  /** How many images match; null until the first page arrived. */
  total: number | null = $state(null);
  error: string | null = $state(null);
  /** Every tag seen on a listed image, sorted: the filter chips offer them. */
  seenTags: readonly string[] = $state.raw([]);
  #pages: ReadonlyMap<number, readonly ImageListItem[]> = $state.raw(new Map());
  readonly #inFlight = new Set<number>();
  readonly #bridge: CupdateBridge;
  readonly #pageSize: number;
  #query: ImageQuery;
  /** Bumped by every new query: answers to an older one are dropped. */
  #generation = 0;
  readonly #refreshSoon = debounce(() => void this.refresh(), 1000);
  readonly #unsubscribe: () => void;

  constructor(bridge: CupdateBridge, checks: ImageChecksStore, query: ImageQuery, pageSize = 200) {
    this.#bridge = bridge;
    this.#query = query;
    this.#pageSize = pageSize;
    this.#unsubscribe = checks.subscribe(() => this.#refreshSoon());
  }

  /** The page is gone: no more reloads. */
  dispose(): void {
    this.#unsubscribe();
    this.#refreshSoon.cancel();
  }

  /** The row at `index`, or undefined while its page is loading. */
  item(index: number): ImageListItem | undefined {
    return this.#pages.get(Math.floor(index / this.#pageSize))?.[index % this.#pageSize];
  }

  /** A new search, filter or sort: start over from the first page. */
  setQuery(query: ImageQuery): Promise<void> {
    this.#query = query;
    this.#generation += 1;
    this.#inFlight.clear();
    this.#pages = new Map();
    this.total = null;
    return this.ensure(0, 1);
  }

  /** Loads the pages that hold rows `start` to `end` (exclusive) and are not loaded yet. */
  async ensure(start: number, end: number): Promise<void> {
    const first = Math.floor(start / this.#pageSize);
    const last = Math.floor(Math.max(start, end - 1) / this.#pageSize);
    const wanted: number[] = [];
    for (let page = first; page <= last; page += 1) {
      if (!this.#pages.has(page) && !this.#inFlight.has(page)) wanted.push(page);
    }
    await Promise.all(wanted.map((page) => this.#load(page)));
  }

  /** Something changed in the store: reload the pages on hand, keeping the rows visible meanwhile. */
  async refresh(): Promise<void> {
    const pages = [...this.#pages.keys()];
    await Promise.all((pages.length === 0 ? [0] : pages).map((page) => this.#load(page)));
  }

  #noteTags(items: readonly ImageListItem[]): void {
    const tags = new Set(this.seenTags);
    for (const item of items) for (const tag of item.tags) tags.add(tag);
    if (tags.size > this.seenTags.length) this.seenTags = [...tags].sort(compareText);
  }

  async #load(page: number): Promise<void> {
    const generation = this.#generation;
    this.#inFlight.add(page);
    try {
      const result = await this.#bridge.invoke('listImages', {
        ...this.#query,
        limit: this.#pageSize,
        offset: page * this.#pageSize,
      });
      if (generation !== this.#generation) return;
      this.#pages = new Map(this.#pages).set(page, result.items);
      this.total = result.total;
      this.#noteTags(result.items);
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = errorMessage(error);
    } finally {
      if (generation === this.#generation) this.#inFlight.delete(page);
    }
  }
}
