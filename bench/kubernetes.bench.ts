// Kubernetes platform at scale: 20,000 pods (2,000 deployments × 10 pods, each pod an app container
// plus one of 1,000 sidecars: 3,000 images) served by the fake API server in a child process, so
// the RSS printed is the platform's own. Prints: time from start to the full graph, time from the
// last list page to the graph, RSS, and watch event → emitted patch latency over 1,000 pod events.
// Run: npx tsx bench/kubernetes.bench.ts       Targets: graph ≤ 1 s after the list, ≤ 300 MB RSS,
// patch p95 ≤ 50 ms.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubernetesPlatform } from '../internal/platform/kubernetes/kubernetes-platform.js';
import type { PlatformEvent } from '../internal/platform/platform.js';
import { FakeKubeApiServer } from '../test/fakes/fake-kube-apiserver.js';
import { kubeNode, pod, singleContextKubeconfig, workload } from '../test/kubernetes/kube-fixtures.js';

const DEPLOYMENTS = 2_000;
const PODS_PER_DEPLOYMENT = 10;
const SIDECARS = 1_000;
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000);

type ToChild = { readonly op: 'add-pod'; readonly name: string } | { readonly op: 'list-completed-at' };
type FromChild =
  { readonly op: 'ready'; readonly url: string } | { readonly op: 'list-completed-at'; readonly at: number };

const digestOf = (name: string): string => `sha256:${createHash('sha256').update(name).digest('hex')}`;

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

async function runFakeChild(): Promise<void> {
  const fake = await FakeKubeApiServer.start();
  for (let node = 0; node < 4; node++)
    fake.add('nodes', kubeNode(`node-${node}`, node % 2 === 0 ? 'amd64' : 'arm64'));
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const namespace = `ns-${d % 50}`;
    fake.add('deployments', workload(namespace, `app-${d}`, undefined, { app: `app-${d}` }));
    fake.add('replicasets', workload(namespace, `app-${d}-rs`, { kind: 'Deployment', name: `app-${d}` }));
    for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) fake.add('pods', benchPod(`app-${d}-rs-${p}`, d));
  }
  process.on('message', (message: ToChild) => {
    if (message.op === 'add-pod') fake.add('pods', benchPod(message.name, 0));
    else {
      const kinds = [
        'pods',
        'replicasets',
        'deployments',
        'statefulsets',
        'daemonsets',
        'jobs',
        'cronjobs',
        'nodes',
      ] as const;
      const at = Math.max(...kinds.map((kind) => fake.listCompletedAt(kind) ?? Number.NaN));
      process.send!({ op: 'list-completed-at', at } satisfies FromChild);
    }
  });
  process.on('disconnect', () => void fake.stop().then(() => process.exit(0)));
  process.send!({ op: 'ready', url: fake.url } satisfies FromChild);
}

function nextMessage(child: ChildProcess, op: FromChild['op']): Promise<FromChild> {
  return new Promise((resolve) => {
    const listener = (message: FromChild): void => {
      if (message.op !== op) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const now = (): number => performance.timeOrigin + performance.now();
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--fake'], { execArgv: ['--import', 'tsx'] });
  const ready = (await nextMessage(child, 'ready')) as Extract<FromChild, { op: 'ready' }>;
  const dir = mkdtempSync(join(tmpdir(), 'kube-bench-'));
  const platform = new KubernetesPlatform({
    kubeconfig: singleContextKubeconfig(dir, 'bench', ready.url),
    context: 'bench',
  });
  let graphAt = 0;
  let graphCpuMs = 0;
  let graphSize = 0;
  let waiting: { name: string; sentAt: number; resolve: (latency: number) => void } | undefined;
  let cpuAtStart = process.cpuUsage();
  const emit = (event: PlatformEvent): void => {
    if (event.type === 'graph') {
      graphAt = now();
      const cpu = process.cpuUsage(cpuAtStart);
      graphCpuMs = (cpu.user + cpu.system) / 1000;
      graphSize = event.nodes.length;
    } else if (event.type === 'patch' && waiting !== undefined) {
      const pending = waiting;
      const arrived = event.patches.some(
        (patch) => patch.op === 'add-node' && patch.node.name === pending.name,
      );
      if (arrived) {
        waiting = undefined;
        pending.resolve(now() - pending.sentAt);
      }
    }
  };

  const rssBefore = process.memoryUsage().rss;
  const startedAt = now();
  cpuAtStart = process.cpuUsage();
  await platform.start(emit, new AbortController().signal);
  child.send({ op: 'list-completed-at' } satisfies ToChild);
  const listDone = (await nextMessage(child, 'list-completed-at')) as Extract<
    FromChild,
    { op: 'list-completed-at' }
  >;
  const rssAfterGraph = process.memoryUsage().rss;

  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const name = `latency-${i}`;
    latencies.push(
      await new Promise<number>((resolve) => {
        waiting = { name, sentAt: now(), resolve };
        child.send({ op: 'add-pod', name } satisfies ToChild);
      }),
    );
  }
  latencies.sort((a, b) => a - b);
  const rssAfterEvents = process.memoryUsage().rss;

  console.log(
    `kubernetes bench: ${DEPLOYMENTS * PODS_PER_DEPLOYMENT} pods, ${DEPLOYMENTS + SIDECARS} images, graph of ${graphSize} nodes`,
  );
  console.log(`start → full graph:            ${(graphAt - startedAt).toFixed(0)} ms`);
  console.log(
    `CPU of this process, start → graph: ${graphCpuMs.toFixed(0)} ms (load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(`last list page → graph:        ${(graphAt - listDone.at).toFixed(0)} ms   (target ≤ 1000 ms)`);
  console.log(
    `RSS before start / after graph / after events: ${mb(rssBefore)} / ${mb(rssAfterGraph)} / ${mb(rssAfterEvents)}   (target ≤ 300 MB)`,
  );
  console.log(
    `watch event → patch over ${EVENTS}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms   (target p95 ≤ 50 ms)`,
  );

  await platform.stop();
  child.disconnect();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--fake')) await runFakeChild();
else await main();
