// What the Docker platform tests share: an event recorder that waits for what a platform emits,
// and engine calls (pull, run a container) on a real daemon or Podman's compatible API.
import Dockerode from 'dockerode';
import { Graph } from '../../internal/graph/graph.js';
import type { GraphNode, GraphPatch } from '../../internal/graph/types.js';
import type { PlatformEvent, PlatformStatus } from '../../internal/platform/platform.js';
import type { DockerEndpoint } from '../../internal/platform/docker/endpoints.js';

export function socketEndpoint(name: string, socketPath: string): DockerEndpoint {
  return {
    id: name,
    name,
    source: 'DOCKER_HOST',
    host: `unix://${socketPath}`,
    exists: true,
    isDefault: true,
  };
}

/** Every event a platform emitted, and a way to wait for one that matches. */
export class Recorder {
  readonly events: PlatformEvent[] = [];
  #waiters: Array<() => void> = [];

  readonly emit = (event: PlatformEvent): void => {
    this.events.push(event);
    for (const wake of this.#waiters.splice(0)) wake();
  };

  statuses(): PlatformStatus[] {
    return this.events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  }

  patches(from = 0): GraphPatch[] {
    return this.events.slice(from).flatMap((e) => (e.type === 'patch' ? e.patches : []));
  }

  /** The nodes of the first full graph. */
  graphNodes(): readonly GraphNode[] {
    const graph = this.events.find((e) => e.type === 'graph');
    return graph?.type === 'graph' ? graph.nodes : [];
  }

  /** The graph as a consumer sees it: the first full graph with every patch since applied. */
  graph(): Graph {
    const graph = new Graph();
    for (const event of this.events) {
      if (event.type === 'graph')
        graph.apply([
          ...event.nodes.map((node) => ({ op: 'add-node', node }) as const),
          ...event.edges.map((edge) => ({ op: 'add-edge', edge }) as const),
        ]);
      if (event.type === 'patch') graph.apply(event.patches);
    }
    return graph;
  }

  /** Waits until `predicate` holds for the events so far (checked after each new one). */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate();
      if (found !== undefined && found !== false) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events.slice(-10))}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Waits for a status of `state` emitted after event number `from`. */
  waitForStatus(state: PlatformStatus['state'], from = 0): Promise<PlatformStatus> {
    return this.waitFor(
      `status ${state}`,
      () =>
        this.events
          .slice(from)
          .flatMap((e) => (e.type === 'status' && e.status.state === state ? [e.status] : []))[0],
    );
  }
}

export async function pull(docker: Dockerode, reference: string): Promise<void> {
  const stream = await docker.pull(reference);
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
  );
}

export interface RunOptions {
  readonly name: string;
  readonly image: string;
  readonly labels?: Record<string, string>;
  readonly restartAlways?: boolean;
  /** Create only. */
  readonly start?: boolean;
}

/** Creates (and starts) a container with no network: test traffic stays on loopback. */
export async function run(docker: Dockerode, options: RunOptions): Promise<Dockerode.Container> {
  const container = await docker.createContainer({
    name: options.name,
    Image: options.image,
    Labels: options.labels ?? {},
    // busybox `sleep` as PID 1 ignores SIGTERM: do not make dockerd's shutdown wait 10 s for it.
    StopTimeout: 1,
    HostConfig: { NetworkMode: 'none', ...(options.restartAlways && { RestartPolicy: { Name: 'always' } }) },
  });
  if (options.start !== false) await container.start();
  return container;
}

/** Stops without the 10 s grace (busybox `sleep` as PID 1 ignores SIGTERM) and removes. */
export async function removeAll(docker: Dockerode): Promise<void> {
  for (const info of await docker.listContainers({ all: true })) {
    await docker.getContainer(info.Id).remove({ force: true });
  }
}

export function composeLabels(project: string, service: string): Record<string, string> {
  return { 'com.docker.compose.project': project, 'com.docker.compose.service': service };
}

export function nodeIds(patches: readonly GraphPatch[], op: 'add-node' | 'update-node'): string[] {
  return patches.flatMap((p) => (p.op === op ? [p.node.id] : []));
}

export function removedIds(patches: readonly GraphPatch[]): string[] {
  return patches.flatMap((p) => (p.op === 'remove-node' ? [p.id] : []));
}

/** Unix sockets and pipes this process holds: a stopped platform must give its back. */
export function openPipes(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'PipeWrap').length;
}
