// The counts the dashboard shows.

/** Counts over the images that run somewhere. */
export interface StoreSummary {
  readonly total: number;
  readonly outdated: {
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
    readonly digest: number;
  };
  readonly upToDate: number;
  readonly vulnerable: number;
  readonly failed: number;
  readonly processing: number;
  readonly pending: number;
}
