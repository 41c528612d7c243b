// Which rows of a fixed-height list are on screen: the only ones the virtual list puts in the DOM.

export interface VirtualRange {
  /** First row drawn (inclusive). */
  readonly start: number;
  /** Row after the last one drawn (exclusive). */
  readonly end: number;
  /** Where the first drawn row sits, in pixels from the top of the content. */
  readonly offset: number;
}

export interface VirtualInput {
  readonly count: number;
  readonly rowHeight: number;
  readonly scrollTop: number;
  readonly viewportHeight: number;
  /** Extra rows above and below, so fast scrolling does not show blank space for a frame. */
  readonly overscan: number;
}

export function visibleRange({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan,
}: VirtualInput): VirtualRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight };
}
