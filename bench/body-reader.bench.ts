// CPU of reading bodies under a limit (internal/http/body-reader.ts) against undici's own
// arrayBuffer(), which the client used before limits: 2.5 KiB manifest-sized and 200 KiB tag-list-
// sized bodies from a local node:http server, 32 callers over 16 connections, both ways
// interleaved in the same process for PASSES passes. The CPU counted is this process's (client
// and server), so the ratio is what matters: the limit's bookkeeping should cost next to nothing.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/body-reader.bench.ts
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { BODY_LIMITS } from '../internal/http/body-limit.js';
import { readBody } from '../internal/http/body-reader.js';

const PASSES = 5;
const CALLERS = 32;
const SIZES = { manifest: 2_500, 'tag list': 200_000 } as const;

const bodies = new Map(Object.values(SIZES).map((size) => [String(size), Buffer.alloc(size, 'x')]));
const server = createServer((req, res) => {
  const body = bodies.get((req.url ?? '').slice(1))!;
  res.writeHead(200, { 'content-length': String(body.length) }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const agent = new Agent({ connections: 16 });
const signal = new AbortController().signal;

/** µs of CPU per request, reading `requests` bodies of `size` bytes one way. */
async function cpuPerRequest(
  way: 'arrayBuffer' | 'readBody',
  size: number,
  requests: number,
): Promise<number> {
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next++ < requests) {
        const answer = await agent.request({ origin, path: `/${size}`, method: 'GET' });
        if (way === 'arrayBuffer') new Uint8Array(await answer.body.arrayBuffer());
        else {
          const headers = { 'content-length': String(size) };
          await readBody(answer.body, {
            method: 'GET',
            url: new URL(origin),
            status: 200,
            headers,
            limit: BODY_LIMITS.tagList,
            signal,
          });
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`);
for (const [name, size] of Object.entries(SIZES)) {
  const requests = size > 10_000 ? 1_000 : 4_000;
  await cpuPerRequest('arrayBuffer', size, requests / 2); // warm-up
  await cpuPerRequest('readBody', size, requests / 2);
  const runs = { arrayBuffer: [] as number[], readBody: [] as number[] };
  for (let pass = 0; pass < PASSES; pass++) {
    runs.arrayBuffer.push(await cpuPerRequest('arrayBuffer', size, requests));
    runs.readBody.push(await cpuPerRequest('readBody', size, requests));
  }
  const ratios = runs.readBody.map((value, pass) => value / runs.arrayBuffer[pass]!);
  console.log(
    `${name.padEnd(9)} (${size.toLocaleString('en')} bytes) µs CPU/request median: arrayBuffer ` +
      `${median(runs.arrayBuffer).toFixed(1)}, readBody ${median(runs.readBody).toFixed(1)}; ` +
      `ratio readBody/arrayBuffer min ${Math.min(...ratios).toFixed(3)} median ${median(ratios).toFixed(3)}`,
  );
}
server.close();
await agent.close();
