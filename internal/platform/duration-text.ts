// A duration as messages say it: `500 ms`, `2 s`, `2.5 s`.
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}
