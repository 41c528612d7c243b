// Throughput of the shared HTTP client against the real registry (Debian docker-registry) on
// 127.0.0.1: manifest GETs and HEADs through the client (16 in flight per host), the same GETs
// through a bare undici Agent (the floor the client's own work adds to), and fresh cache hits.
// Wall-clock rates depend on the registry and on what else runs; CPU µs per request of this
// process is the client's own cost and holds up on a busy machine.
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/http-client.bench.ts
import { Agent } from 'undici';
import { HttpClient } from '../internal/http/client.js';
import { MANIFEST_ACCEPT, pushImage } from '../test/peers/images.js';
import { startRegistry } from '../test/peers/registry.js';

const REQUESTS = 6000;
const CALLERS = 64; // more callers than host slots, so the per-host queue is exercised

async function rate(label: string, one: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < REQUESTS) await one(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  const perRequest = ((user + system) / REQUESTS).toFixed(1);
  console.log(
    `${label.padEnd(44)} ${Math.round(REQUESTS / seconds)
      .toString()
      .padStart(7)} req/s  ${perRequest.padStart(6)} µs CPU/req (this process)`,
  );
}

const registry = await startRegistry({ auth: 'none' });
try {
  const tags = ['1.0.0', '1.1.0', '2.0.0'];
  for (const tag of tags) {
    await pushImage(registry, 'bench/app', [tag], {
      format: 'oci',
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      salt: tag,
    });
  }
  const url = (index: number) => `${registry.url}/v2/bench/app/manifests/${tags[index % tags.length]}`;
  const headers = { accept: MANIFEST_ACCEPT };

  const client = new HttpClient();
  await rate('warm-up (HttpClient GET, not counted)', (index) =>
    client.request({ url: url(index), headers }),
  );
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });
  await rate('bare undici Agent GET (16 connections)', async (index) => {
    const answer = await agent.request({
      origin: registry.url,
      path: new URL(url(index)).pathname,
      method: 'GET',
      headers,
    });
    await answer.body.arrayBuffer();
  });
  await agent.close();

  await rate('HttpClient GET manifest (no cache)', (index) => client.request({ url: url(index), headers }));
  await rate('HttpClient HEAD manifest (no cache)', (index) =>
    client.request({ url: url(index), method: 'HEAD', headers }),
  );
  const policy = { ttlMs: 3_600_000, varyOn: ['accept'] };
  await rate('HttpClient GET manifest (fresh cache hits)', (index) =>
    client.request({ url: url(index), headers, cache: policy }),
  );
  console.log('stats', JSON.stringify(client.stats()));
  await client.close();
} finally {
  await registry.stop();
}
