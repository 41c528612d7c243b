// Peak RSS of reading a registry's 300 MB tag list (issue 15, item 8: it took the app to 2.35 GB),
// each in a fresh child process so one reading cannot inflate the next one's high-water mark:
//   reference  RegistryClient.listTags of a realistic 400-tag list (the process's floor)
//   unbounded  the client's old path on the 300 MB list: undici's arrayBuffer(), then JSON.parse
//   capped     RegistryClient.listTags on the 300 MB list: cut off at 16 MiB (AnswerTooLargeError)
// The lists come from the fake registry (test/fakes/fake-registry.ts) in this parent process,
// streamed chunked (no Content-Length, so the cap must count bytes as they come) and as fast as
// the child reads them. Prints min/median of PASSES runs and each one's excess over the reference.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/body-limit.bench.ts
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { HttpClient } from '../internal/http/client.js';
import { RegistryClient } from '../internal/oci/client.js';
import { parseReference } from '../internal/oci/reference.js';
import { startFakeRegistry } from '../test/fakes/fake-registry.js';

const PASSES = 3;
const HUGE_BYTES = 300_000_000;
const MODES = ['reference', 'unbounded', 'capped'] as const;
type Mode = (typeof MODES)[number];

/** Runs in the child: reads the list one way, prints its outcome and peak RSS (MiB) as JSON. */
async function child(mode: Mode, registry: string): Promise<void> {
  let outcome: string;
  if (mode === 'unbounded') {
    const agent = new Agent();
    const answer = await agent.request({
      origin: `http://${registry}`,
      path: '/v2/huge/tags/list',
      method: 'GET',
    });
    const body = new Uint8Array(await answer.body.arrayBuffer());
    const tags = (JSON.parse(new TextDecoder().decode(body)) as { tags: string[] }).tags;
    outcome = `${tags.length} tags`;
    await agent.close();
  } else {
    const http = new HttpClient();
    const client = new RegistryClient({ http });
    const repository = mode === 'reference' ? 'small/app' : 'huge/tags';
    outcome = await client.listTags(parseReference(`${registry}/${repository}`)).then(
      (tags) => `${tags.length} tags`,
      (error: unknown) => (error as Error).name,
    );
    await http.close();
  }
  console.log(JSON.stringify({ outcome, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function parent(): Promise<void> {
  // Two fakes: behaviour is per registry. The realistic one has 400 tags of mixed shapes.
  const small = await startFakeRegistry();
  const huge = await startFakeRegistry();
  try {
    small.setTags(
      'small/app',
      Array.from({ length: 400 }, (_, i) =>
        i % 4 === 0
          ? `1.${i}.0`
          : i % 4 === 1
            ? `1.${i}-alpine`
            : i % 4 === 2
              ? `sha-${i.toString(16)}abc`
              : `v${i}`,
      ),
    );
    huge.behaviour = 'endless';
    huge.streamedBodyBytes = HUGE_BYTES;
    const results = new Map<Mode, { rss: number[]; outcome: string }>();
    for (let pass = 0; pass < PASSES; pass++) {
      for (const mode of MODES) {
        const registry = mode === 'reference' ? small.host : huge.host;
        // Asynchronously: the fakes answer from this process's event loop.
        const run = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, registry],
          { encoding: 'utf8', maxBuffer: 1024 * 1024 },
        );
        const { outcome, peakRssMiB } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
          outcome: string;
          peakRssMiB: number;
        };
        const entry = results.get(mode) ?? { rss: [], outcome };
        entry.rss.push(peakRssMiB);
        results.set(mode, entry);
      }
    }
    const reference = median(results.get('reference')!.rss);
    console.log(`uptime: ${readLoad()}`);
    console.log(
      `peak RSS (MiB) of one listTags in a fresh process, ${PASSES} passes, 300 MB list streamed chunked:`,
    );
    for (const mode of MODES) {
      const { rss, outcome } = results.get(mode)!;
      const excess = median(rss) - reference;
      console.log(
        `${mode.padEnd(10)} min ${Math.min(...rss)
          .toFixed(0)
          .padStart(6)}  median ${median(rss).toFixed(0).padStart(6)}` +
          `  over reference ${excess.toFixed(0).padStart(6)}  (${outcome})`,
      );
    }
    console.log(`bytes the huge registry sent in all: ${huge.bytesStreamed.toLocaleString('en')}`);
  } finally {
    await small.stop();
    await huge.stop();
  }
}

function readLoad(): string {
  const run = spawnSync('uptime', { encoding: 'utf8' });
  return run.stdout.trim();
}

const [flag, mode, registry] = process.argv.slice(2);
if (flag === '--child') await child(mode as Mode, registry!);
else await parent();
