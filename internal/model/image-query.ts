// Asking for a page of the image list.
import type { ImageListItem } from './image.js';

export interface TagFilter {
  /** Every one of these tags. */
  readonly all?: readonly string[];
  /** At least one of these tags. */
  readonly any?: readonly string[];
  /** None of these tags. */
  readonly none?: readonly string[];
}

export interface ListImagesQuery {
  /** Full-text words over reference, description and release note titles; each word matches as a prefix. */
  readonly query?: string;
  readonly tags?: TagFilter;
  /** `update`: by update size (major > minor > patch > digest > none > not checked yet), then name. */
  readonly sort: 'name' | 'update';
  /** `update` + `desc` puts major updates first. */
  readonly order: 'asc' | 'desc';
  /** 1 to 1000. */
  readonly limit: number;
  readonly offset: number;
  /** Also list images that no longer run anywhere (default false). */
  readonly includeDisappeared?: boolean;
}

export interface ImagePage {
  /** How many images match, regardless of limit/offset. */
  readonly total: number;
  readonly items: readonly ImageListItem[];
}
