// How the scan benchmarks measure a pass and print several of them: wall time, our CPU time (the
// registry is another process, or shares ours when it is the fake), requests sent, peak RSS
// (sampled every 10 ms: process.resourceUsage().maxRSS never goes down, so it cannot tell passes
// apart), and min/median over the passes, because the machine is shared and noisy.
import { execFileSync } from 'node:child_process';

export interface Pass {
  readonly images: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly requests: number;
  readonly peakRssMb: number;
}

/** Runs `work` once, measuring it; `work` answers how many images it did and requests it sent. */
export async function measure(
  work: () => Promise<{ readonly images: number; readonly requests: number }>,
): Promise<Pass> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const { images, requests } = await work();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { images, ms, cpuMs: (used.user + used.system) / 1000, requests, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

export function imagesPerSecond(pass: Pass): number {
  return (pass.images / pass.ms) * 1000;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function minMedian(values: readonly number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)} / ${median(values).toFixed(digits)}`;
}

/** One line: images/s, requests/image, CPU ms/image (min / median of the passes), peak RSS (max). */
export function describePasses(label: string, passes: readonly Pass[]): string {
  const perImage = (pick: (pass: Pass) => number) => passes.map((pass) => pick(pass) / pass.images);
  return (
    `${label.padEnd(28)} ×${passes.length}  images/s ${minMedian(passes.map(imagesPerSecond), 0).padStart(11)}` +
    `  requests/image ${minMedian(
      perImage((pass) => pass.requests),
      2,
    )}` +
    `  CPU ms/image ${minMedian(
      perImage((pass) => pass.cpuMs),
      2,
    )}` +
    `  peak RSS ${Math.max(...passes.map((pass) => pass.peakRssMb)).toFixed(0)} MB`
  );
}

/** `[repositories] [passes]` from the command line; 200 repositories and 5 passes by default. */
export function benchArguments(): { readonly count: number; readonly passes: number } {
  return { count: Number(process.argv[2] ?? 200), passes: Number(process.argv[3] ?? 5) };
}

/** The load average, printed with the numbers (the machine is shared). */
export function load(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return 'uptime not available';
  }
}

export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
