// What the start-up benchmarks measure a command with: wall time from spawn to exit and peak RSS,
// over several passes, as min and median. The machine is shared: each number is printed beside a
// reference measured in the same run, pass by pass (`node -e 0`: starting Node itself, the floor).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir, uptime, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const PEAK_RSS = join(import.meta.dirname, 'peak-rss.mjs');
const BUILD = join(import.meta.dirname, '..', '..', 'scripts', 'build-desktop.mjs');

/** Builds out/core and the renderer when a source is newer: what is measured is the built app. */
export function buildCoreAndRenderer(): void {
  const build = spawnSync(process.execPath, [BUILD, '--core', '--renderer'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`${BUILD} --core --renderer failed`);
}

export interface Run {
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs `node …args` to its exit. */
export async function runNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cupdate-rss-'));
  const rssFile = join(dir, 'rss');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, ...args], {
      env: { ...env, CUPDATE_PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    const wallMs = performance.now() - started;
    const peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    return { wallMs, peakRssMb, code, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `count` passes of every command in `commands`, interleaved (a, b, c, a, b, c, …) so that each sees
 * the same load on this shared machine; throws when a run exits with another code than expected.
 */
export async function interleaved<K extends string>(
  count: number,
  commands: Readonly<Record<K, () => Promise<Run>>>,
  expectedCode = 0,
): Promise<Record<K, Run[]>> {
  const names = Object.keys(commands) as K[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<K, Run[]>;
  for (let pass = 0; pass < count; pass++) {
    for (const name of names) {
      const result = await commands[name]();
      if (result.code !== expectedCode)
        throw new Error(`${name} exited with ${result.code} (expected ${expectedCode}):\n${result.stderr}`);
      runs[name].push(result);
    }
  }
  return runs;
}

export interface Spread {
  readonly min: number;
  readonly median: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN };
}

/** `min 61 ms, median 70 ms` and, against a reference, `(1.4× / 1.3× node -e 0)`. */
export function describe(values: Spread, unit: string, reference?: { name: string; spread: Spread }): string {
  const text = `min ${values.min.toFixed(0)} ${unit}, median ${values.median.toFixed(0)} ${unit}`;
  if (reference === undefined) return text;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return `${text} (${ratio(values.min, reference.spread.min)} / ${ratio(values.median, reference.spread.median)} ${reference.name})`;
}

/** The machine's load, printed with every set of numbers (`uptime` without the external command). */
export function load(): string {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} (up ${(uptime() / 60).toFixed(0)} min)`;
}

/** A process's resident set size now (VmRSS in /proc, Linux), in MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no VmRSS`);
  return Number(kib) / 1024;
}
