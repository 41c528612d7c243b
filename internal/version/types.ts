// The answers of the versioning module: the best updates and, per tag, why it was kept or dropped.

/** How far a kept candidate moves from the current tag (see docs/versioning.md for the buckets). */
export type Bump = 'major' | 'minor' | 'patch';

export type DropReason =
  /** The current tag is not a version (`latest`, a commit hash): only digest updates apply. */
  | 'current-invalid'
  /** Rules say `ignore`. */
  | 'ignored'
  /** Rules say `pin`. */
  | 'pinned'
  /** The tag is not a version. */
  | 'invalid'
  /** The text after the first `-` differs from the current tag's (`-alpine` vs `-bookworm`). */
  | 'suffix-differs'
  /** It has a different number of release parts (`1.25` vs `1.25.3`). */
  | 'precision-differs'
  /** It is the current version (maybe spelled differently: `v1.2.3`, `18.04` vs `18.4`). */
  | 'same'
  /** It is older than the current version. */
  | 'older'
  /** A prerelease, and the current tag is not a prerelease of the same release. */
  | 'prerelease'
  /** It matches an `exclude` pattern. */
  | 'excluded'
  /** It matches no `include` pattern. */
  | 'not-included'
  /** `stayOnCurrentMajor` and it has a higher major. */
  | 'other-major'
  /** It is not below `stayBelow`. */
  | 'not-below';

export type TagVerdict =
  | { readonly tag: string; readonly kept: true; readonly bump: Bump }
  | { readonly tag: string; readonly kept: false; readonly reason: DropReason; readonly detail: string };

/** The highest allowed candidate per bump, in the candidate's own spelling; `latest` is the highest of all. */
export interface Updates {
  readonly patch: string | null;
  readonly minor: string | null;
  readonly major: string | null;
  readonly latest: string | null;
}
