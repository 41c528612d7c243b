// A rule the user set for the images matching a pattern.
import type { Json } from './json.js';

export interface ImageRule {
  /** An image reference pattern as the versioning module matches it. */
  readonly pattern: string;
  readonly rule: Json;
}
