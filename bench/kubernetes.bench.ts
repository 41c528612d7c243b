// Kubernetes platform at scale: 20,000 pods (2,000 deployments × 10 pods, each pod an app container
// plus one of 1,000 sidecars: 3,000 images), listed in pages of 500 from the fake API server, which
// runs in its own process so that what is measured is the platform's. Each pass runs the platform
// in a fresh process (memory of one pass cannot leak into the next) and prints, min and median
// over the passes:
// - time from start to the full graph, and from the last list page to the graph, against a
//   reference measured in the same run: listing every kind's pages and JSON.parse-ing them, with
//   no graph (the floor any client pays);
// - memory: the process's RSS before start (Node, tsx and the imports), after the graph and after
//   the events; the platform's own share (RSS growth, and heap used after a full GC);
// - watch event → emitted patch latency.
// Run: npm run bench -- kubernetes   (BENCH_PASSES, BENCH_EVENTS to change the counts)
// Targets: graph ≤ 1 s after the last page, ≤ 300 MB RSS after the graph, patch p95 ≤ 50 ms.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { KubernetesPlatform } from '../internal/platform/kubernetes/kubernetes-platform.js';
import { collectionPath, KUBE_RESOURCES } from '../internal/platform/kubernetes/kube-resources.js';
import type { PlatformEvent } from '../internal/platform/platform.js';
import { FakeKubeApiServer } from '../test/fakes/fake-kube-apiserver.js';
import { kubeNode, pod, singleContextKubeconfig, workload } from '../test/kubernetes/kube-fixtures.js';

const DEPLOYMENTS = 2_000;
const PODS_PER_DEPLOYMENT = 10;
const SIDECARS = 1_000;
const PAGE = 500;
const PASSES = Number(process.env['BENCH_PASSES'] ?? 3);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 500);
const HERE = fileURLToPath(import.meta.url);

interface PassResult {
  readonly nodes: number;
  readonly graphMs: number;
  readonly listToGraphMs: number;
  readonly cpuMs: number;
  readonly rssBefore: number;
  readonly rssAfterGraph: number;
  readonly rssAfterEvents: number;
  readonly heapBefore: number;
  readonly heapAfterGraph: number;
  readonly latencies: readonly number[];
}

type Message =
  | { readonly op: 'ready'; readonly url: string }
  | { readonly op: 'add-pod'; readonly name: string }
  | { readonly op: 'list-completed-at' }
  | { readonly op: 'list-completed'; readonly at: number }
  | { readonly op: 'result'; readonly result: PassResult }
  | { readonly op: 'reference'; readonly ms: number };

const digestOf = (name: string): string => `sha256:${createHash('sha256').update(name).digest('hex')}`;
const now = (): number => performance.timeOrigin + performance.now();

function benchPod(name: string, deployment: number): Record<string, unknown> {
  const app = `registry.example.com/team/app-${deployment}:1.${deployment % 7}`;
  const sidecar = `registry.example.com/mesh/sidecar-${deployment % SIDECARS}:2.0`;
  return pod({
    namespace: `ns-${deployment % 50}`,
    name,
    nodeName: `node-${deployment % 4}`,
    owner: { kind: 'ReplicaSet', name: `app-${deployment}-rs` },
    labels: { app: `app-${deployment}`, 'pod-template-hash': 'abc123' },
    containers: [
      { name: 'app', image: app, imageID: `${app.split(':')[0]}@${digestOf(app)}` },
      { name: 'sidecar', image: sidecar, imageID: `${sidecar.split(':')[0]}@${digestOf(sidecar)}` },
    ],
  });
}

/** The fake API server with the cluster, until its parent goes. */
async function fakeServer(): Promise<void> {
  const fake = await FakeKubeApiServer.start();
  for (let node = 0; node < 4; node++)
    fake.add('nodes', kubeNode(`node-${node}`, node % 2 === 0 ? 'amd64' : 'arm64'));
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const namespace = `ns-${d % 50}`;
    fake.add('deployments', workload(namespace, `app-${d}`, undefined, { app: `app-${d}` }));
    fake.add('replicasets', workload(namespace, `app-${d}-rs`, { kind: 'Deployment', name: `app-${d}` }));
    for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) fake.add('pods', benchPod(`app-${d}-rs-${p}`, d));
  }
  process.on('message', (message: Message) => {
    if (message.op === 'add-pod') fake.add('pods', benchPod(message.name, 0));
    if (message.op === 'list-completed-at') {
      const at = Math.max(...KUBE_RESOURCES.map((kind) => fake.listCompletedAt(kind.name) ?? Number.NaN));
      send({ op: 'list-completed', at });
    }
  });
  process.on('disconnect', () => void fake.stop().then(() => process.exit(0)));
  send({ op: 'ready', url: fake.url });
}

function send(message: Message): void {
  process.send!(message);
}

function nextMessage<K extends Message['op']>(
  from: NodeJS.Process | ChildProcess,
  op: K,
): Promise<Extract<Message, { op: K }>> {
  return new Promise((resolve) => {
    const listener = (message: Message): void => {
      if (message.op !== op) return;
      from.off('message', listener);
      resolve(message as Extract<Message, { op: K }>);
    };
    from.on('message', listener);
  });
}

function fullGc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** One pass of the platform, in this (fresh) process; the parent relays to the fake. */
async function platformPass(url: string, pass: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-bench-'));
  fullGc();
  const before = process.memoryUsage();
  const platform = new KubernetesPlatform({
    kubeconfig: singleContextKubeconfig(dir, 'bench', url),
    context: 'bench',
  });
  let graphAt = 0;
  let cpuMs = 0;
  let nodes = 0;
  let waiting: { name: string; sentAt: number; resolve: (latency: number) => void } | undefined;
  const cpuAtStart = process.cpuUsage();
  const emit = (event: PlatformEvent): void => {
    if (event.type === 'graph') {
      graphAt = now();
      const cpu = process.cpuUsage(cpuAtStart);
      cpuMs = (cpu.user + cpu.system) / 1000;
      nodes = event.nodes.length;
    } else if (event.type === 'patch' && waiting !== undefined) {
      const pending = waiting;
      if (event.patches.some((patch) => patch.op === 'add-node' && patch.node.name === pending.name)) {
        waiting = undefined;
        pending.resolve(now() - pending.sentAt);
      }
    }
  };
  const startedAt = now();
  await platform.start(emit, new AbortController().signal);
  send({ op: 'list-completed-at' });
  const listDone = await nextMessage(process, 'list-completed');
  const rssAfterGraph = process.memoryUsage().rss;
  fullGc();
  const heapAfterGraph = process.memoryUsage().heapUsed;

  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    // New in every pass: a pod added again unchanged is rightly no patch at all.
    const name = `latency-${pass}-${i}`;
    latencies.push(
      await new Promise<number>((resolve, reject) => {
        // A lost event must fail the bench, never hang it (it holds the shared bench lock).
        const timer = setTimeout(() => reject(new Error(`no patch for pod ${name} within 30 s`)), 30_000);
        waiting = { name, sentAt: now(), resolve: (latency) => (clearTimeout(timer), resolve(latency)) };
        send({ op: 'add-pod', name });
      }),
    );
  }
  const rssAfterEvents = process.memoryUsage().rss;
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
  send({
    op: 'result',
    result: {
      nodes,
      graphMs: graphAt - startedAt,
      listToGraphMs: graphAt - listDone.at,
      cpuMs,
      rssBefore: before.rss,
      rssAfterGraph,
      rssAfterEvents,
      heapBefore: before.heapUsed,
      heapAfterGraph,
      latencies,
    },
  });
}

/** The reference: every kind's pages fetched and parsed as the platform lists them, no graph. */
async function referencePass(url: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  const get = (path: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      http
        .get(`${url}${path}`, { agent, headers: { authorization: 'Bearer test-token' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>),
          );
        })
        .on('error', reject);
    });
  const started = now();
  await Promise.all(
    KUBE_RESOURCES.map(async (resource) => {
      let token: string | undefined;
      do {
        const page = await get(
          `${collectionPath(resource)}?limit=${PAGE}${token === undefined ? '' : `&continue=${encodeURIComponent(token)}`}`,
        );
        token = ((page['metadata'] ?? {}) as { continue?: string }).continue || undefined;
      } while (token !== undefined);
    }),
  );
  send({ op: 'reference', ms: now() - started });
}

function stats(values: readonly number[]): { min: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? Number.NaN, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function runChild(
  role: '--platform' | '--reference',
  url: string,
  pass: number,
  fake: ChildProcess,
): Promise<Message> {
  const child = fork(HERE, [role, url, String(pass)], { execArgv: ['--import', 'tsx'] });
  // Relay the platform's requests to the fake and the fake's answers back.
  const toFake = (message: Message) => {
    if (message.op === 'add-pod' || message.op === 'list-completed-at') fake.send(message);
  };
  const fromFake = (message: Message) => {
    if (message.op === 'list-completed') child.send(message);
  };
  child.on('message', toFake);
  fake.on('message', fromFake);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A pass that dies without its result fails the bench instead of leaving it waiting (and
  // holding the shared bench lock).
  const done = await Promise.race([
    nextMessage(child, role === '--platform' ? 'result' : 'reference'),
    exited.then((code) =>
      Promise.reject(new Error(`the ${role.slice(2)} pass exited with ${code} before its result`)),
    ),
  ]);
  fake.off('message', fromFake);
  await exited;
  return done;
}

async function main(): Promise<void> {
  const fake = fork(HERE, ['--fake'], { execArgv: ['--import', 'tsx'] });
  const { url } = await nextMessage(fake, 'ready');
  const references: number[] = [];
  const results: PassResult[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    // Interleaved, so both see the same neighbours on this shared machine.
    references.push(
      ((await runChild('--reference', url, pass, fake)) as Extract<Message, { op: 'reference' }>).ms,
    );
    results.push(
      ((await runChild('--platform', url, pass, fake)) as Extract<Message, { op: 'result' }>).result,
    );
  }
  fake.disconnect();

  const reference = stats(references);
  const of = (pick: (result: PassResult) => number) => results.map(pick);
  const graph = of((r) => r.graphMs);
  const rows: [label: string, values: readonly number[], format: (value: number) => string, note?: string][] =
    [
      ['reference: list + JSON.parse every page', references, ms],
      [
        'start → full graph',
        graph,
        ms,
        `(median ${(stats(graph).median / reference.median).toFixed(2)}× the reference)`,
      ],
      ['last list page → graph', of((r) => r.listToGraphMs), ms, '(target ≤ 1000 ms)'],
      ['CPU of the platform process, start → graph', of((r) => r.cpuMs), ms],
      ['RSS before start (Node, tsx, imports)', of((r) => r.rssBefore), mb],
      ['RSS after the graph', of((r) => r.rssAfterGraph), mb, '(target ≤ 300 MB)'],
      [`RSS after ${EVENTS} more pods`, of((r) => r.rssAfterEvents), mb],
      ["platform's own RSS (after graph − before)", of((r) => r.rssAfterGraph - r.rssBefore), mb],
      ['heap used after full GC: before start', of((r) => r.heapBefore), mb],
      ['heap used after full GC: after the graph', of((r) => r.heapAfterGraph), mb],
      ["platform's own heap (after graph − before)", of((r) => r.heapAfterGraph - r.heapBefore), mb],
    ];
  console.log(
    `kubernetes bench: ${DEPLOYMENTS * PODS_PER_DEPLOYMENT} pods, ${DEPLOYMENTS + SIDECARS} images, graph of ${results[0]?.nodes} nodes; ${PASSES} passes, each in a fresh process`,
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  for (const [label, values, format, note] of rows) {
    const { min, median } = stats(values);
    console.log(
      `${label.padEnd(44)} min ${format(min).padStart(7)}   median ${format(median).padStart(7)}   ${note ?? ''}`,
    );
  }
  const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  console.log(
    `watch event → patch over ${all.length}: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${all.at(-1)?.toFixed(1)} ms   (target p95 ≤ 50 ms)`,
  );
}

const [role, url, pass] = process.argv.slice(2);
if (role === '--fake') await fakeServer();
else if (role === '--platform') await platformPass(url!, pass!);
else if (role === '--reference') await referencePass(url!);
else await main();
