// What the store gives back that is its own (the domain types live in internal/model/).

/** What a platform graph replacement changed, consolidated over all platforms. */
export interface PlatformChange {
  /** References that ran nowhere before and run somewhere now (new, or back after disappearing). */
  readonly appeared: readonly string[];
  /** References that ran on this platform before and now run nowhere. */
  readonly disappeared: readonly string[];
}
