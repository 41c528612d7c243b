// What event-stream clients that never read cost the server (issue 15: 200 of them took serve from
// 306 to 663 MB). A child process serves /api/events (internal/serve/sse-route.ts over the real
// LiveEvents bus); this process opens 200 clients that never read a byte, has the child emit 40
// graph patches of 500 image nodes each (~75 kB, the size a busy cluster's burst has), and asks
// the child for its RSS. Once with the limit serve uses (SERVE_LIMITS.maxBufferedEventBytes) and
// once unbounded, as the reference measured in the same run. Prints numbers; asserts nothing.
// (serve also caps event streams at SERVE_LIMITS.maxEventStreams; this measures the per-client
// bound alone, with every client admitted.)
// Run: flock /tmp/cupdate-bench.lock npx tsx bench/serve-sse.bench.ts
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { GraphPatch } from '../internal/graph/types.js';
import { LiveEvents } from '../internal/api/live-events.js';
import { SERVE_LIMITS } from '../internal/serve/limits.js';
import { handleEvents } from '../internal/serve/sse-route.js';

const CLIENTS = 200;
const EVENTS = 40;
const NODES_PER_PATCH = 500;
const PASSES = 3;

type Message = { kind: 'listening'; port: number } | { kind: 'rss'; bytes: number; open: number };

function patch(event: number): GraphPatch[] {
  return Array.from({ length: NODES_PER_PATCH }, (_, index) => ({
    op: 'add-node',
    node: {
      id: `kubernetes:prod/namespace/team-${index % 40}/pod/app-${event}-${index}/image/registry.example.com/team-${index % 40}/app-${index}:1.${event}.${index}`,
      kind: 'image',
      platform: 'kubernetes:prod',
      name: `registry.example.com/team-${index % 40}/app-${index}:1.${event}.${index}`,
      reference: `registry.example.com/team-${index % 40}/app-${index}:1.${event}.${index}`,
    },
  })) as GraphPatch[];
}

/** The child: a server streaming events; `emit` sends EVENTS patches, `rss` reports memory. */
function serveInChild(limit: number): void {
  const live = new LiveEvents({ summary: () => undefined, queue: () => undefined, patchWindowMs: 1 });
  const open = new Set<() => void>();
  const server = createServer((request, response) =>
    handleEvents(live, request, response, {
      heartbeatMs: 60_000,
      maxBufferedBytes: limit,
      track: (end) => {
        open.add(end);
        return () => open.delete(end);
      },
    }),
  );
  server.listen(0, '127.0.0.1', () =>
    process.send?.({ kind: 'listening', port: (server.address() as AddressInfo).port } satisfies Message),
  );
  process.on('message', async (command: string) => {
    if (command === 'emit') {
      for (let event = 0; event < EVENTS; event += 1) {
        live.patched(patch(event));
        live.flush();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    global.gc?.();
    process.send?.({ kind: 'rss', bytes: process.memoryUsage().rss, open: open.size } satisfies Message);
    if (command === 'exit') process.exit(0);
  });
}

function next(child: ChildProcess, kind: Message['kind']): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (message: Message) => {
      if (message.kind !== kind) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

async function measure(limit: number): Promise<{ grewMb: number; open: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['--child', String(limit)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
  });
  const listening = await next(child, 'listening');
  const port = listening.kind === 'listening' ? listening.port : 0;
  const sockets: Socket[] = [];
  for (let index = 0; index < CLIENTS; index += 1) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    socket.pause(); // never reads
    sockets.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  child.send('rss');
  const before = await next(child, 'rss');
  child.send('emit');
  const after = await next(child, 'rss');
  child.send('exit');
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => child.once('exit', resolve));
  const bytes = (message: Message) => (message.kind === 'rss' ? message.bytes : 0);
  return { grewMb: (bytes(after) - bytes(before)) / 2 ** 20, open: after.kind === 'rss' ? after.open : 0 };
}

if (process.argv[2] === '--child') {
  serveInChild(Number(process.argv[3]));
} else {
  console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  const size = Buffer.byteLength(JSON.stringify({ sequence: 1, patches: patch(0) }));
  console.log(
    `${CLIENTS} clients that never read; ${EVENTS} graph patches of ${NODES_PER_PATCH} nodes (${(size / 1024).toFixed(0)} kB each); ${PASSES} passes`,
  );
  for (const [name, limit] of [
    [
      `bounded (${SERVE_LIMITS.maxBufferedEventBytes / 1024} KiB a client)`,
      SERVE_LIMITS.maxBufferedEventBytes,
    ],
    ['unbounded (reference)', Number.POSITIVE_INFINITY],
  ] as const) {
    const runs: { grewMb: number; open: number }[] = [];
    for (let pass = 0; pass < PASSES; pass += 1) runs.push(await measure(limit));
    const grew = runs.map((run) => run.grewMb).sort((a, b) => a - b);
    console.log(
      `   ${name.padEnd(28)} RSS grew min ${grew[0]?.toFixed(0)} MB, median ${grew[Math.floor(PASSES / 2)]?.toFixed(0)} MB; streams still open: ${runs.map((run) => run.open).join(', ')}`,
    );
  }
}
