// One Docker Engine endpoint as a Platform: lists its containers and their images, then follows
// the container event stream. Bursts of events (a `docker compose up` of ten services) are
// coalesced for 16 ms and turned into one patch. A lost connection, or an event stream that stalls
// (container-events.ts), makes the platform `degraded`; it reconnects on fresh sockets with capped,
// jittered backoff, relists everything and emits the difference.
import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { diff, Graph } from '../../graph/graph.js';
import type { PlatformId } from '../../graph/types.js';
import { backoffMs } from '../../http/retry-timing.js';
import { durationText } from '../duration-text.js';
import type { Platform, PlatformEvent, PlatformStatus } from '../platform.js';
import { containerFacts, type ContainerFacts } from './container-facts.js';
import { inspectContainerSetup, orGone, type ContainerSetup } from './container-setup.js';
import { DEFAULT_EVENT_WINDOWS, watchContainerEvents } from './container-events.js';
import { describeConnectionFailure } from './connection-failure.js';
import { createDockerClient, type DockerClient } from './docker-client.js';
import { dockerGraph } from './docker-graph.js';
import type { DockerEndpoint } from './endpoints.js';
import { clockOffsetMs, hostFacts, type EngineInfo, type HostFacts } from './host-facts.js';
import { dockerPlatformId } from './docker-descriptor.js';

export interface DockerPlatformOptions {
  readonly endpoint: DockerEndpoint;
  /** List stopped containers too (default: only running ones). */
  readonly includeStopped?: boolean;
  /** The environment for ssh:// endpoints (SSH_AUTH_SOCK); default: this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reconnect backoff: full jitter, doubling from `baseMs` up to `maxMs` (default 500 ms, 30 s). */
  readonly reconnect?: { readonly baseMs: number; readonly maxMs: number };
  /** How long to gather events before relisting what they touched (default 16 ms). */
  readonly coalesceMs?: number;
  /** Event stream windows: the daemon ends each after `windowMs`; later by `graceMs` is a stall. */
  readonly eventWindows?: { readonly windowMs: number; readonly graceMs: number };
}

type Attempt =
  { readonly ok: true; readonly ended: Promise<string> } | { readonly ok: false; readonly reason: string };

export class DockerPlatform implements Platform {
  readonly id: PlatformId;
  readonly type = 'docker';
  readonly #endpoint: DockerEndpoint;
  readonly #includeStopped: boolean;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #reconnect: { readonly baseMs: number; readonly maxMs: number };
  readonly #coalesceMs: number;
  readonly #eventWindows: { readonly windowMs: number; readonly graceMs: number };
  readonly #lifetime = new AbortController();
  #emit: (event: PlatformEvent) => void = () => {};
  #client: DockerClient | undefined;
  #loop: Promise<void> | undefined;
  #stopped = false;

  // What is shown: the host, every container's facts, and the graph last emitted.
  #host: HostFacts | undefined;
  #containers = new Map<string, ContainerFacts>();
  #graph: Graph | undefined;

  // Container ids named by events and not yet relisted; `#listing` holds them back during a relist.
  #pending = new Set<string>();
  #flushTimer: NodeJS.Timeout | undefined;
  #listing = false;
  #work: Promise<void> = Promise.resolve();

  constructor(options: DockerPlatformOptions) {
    this.#endpoint = options.endpoint;
    this.id = dockerPlatformId(options.endpoint);
    this.#includeStopped = options.includeStopped ?? false;
    this.#env = options.env ?? process.env;
    this.#reconnect = options.reconnect ?? { baseMs: 500, maxMs: 30_000 };
    this.#coalesceMs = options.coalesceMs ?? 16;
    this.#eventWindows = options.eventWindows ?? DEFAULT_EVENT_WINDOWS;
  }

  start(emit: (event: PlatformEvent) => void, signal: AbortSignal): Promise<void> {
    if (this.#loop !== undefined) throw new Error(`platform ${this.id} was already started`);
    this.#emit = emit;
    signal.addEventListener('abort', () => void this.stop(), { once: true, signal: this.#lifetime.signal });
    let firstAttemptDone!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
    this.#status({ state: 'connecting' });
    this.#loop = this.#run(firstAttemptDone);
    if (signal.aborted) void this.stop();
    return firstAttempt;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#lifetime.abort();
    clearTimeout(this.#flushTimer);
    // Closing the client fails requests in flight, so the loop ends; closing it again after covers
    // a client that was still being created.
    this.#client?.close();
    await this.#loop;
    await this.#work;
    this.#client?.close();
    this.#status({ state: 'stopped' });
  }

  /** The endpoint watched: update actions address the same daemon (docs/actions.md). */
  get endpoint(): DockerEndpoint {
    return this.#endpoint;
  }

  /** What recreating the container needs (docs/actions.md); undefined when it is gone. */
  containerSetup(containerId: string): Promise<ContainerSetup | undefined> {
    const docker = this.#client?.docker;
    if (docker === undefined || this.#stopped)
      return Promise.reject(new Error(`Docker endpoint "${this.#endpoint.name}" is not connected`));
    return inspectContainerSetup(docker, containerId);
  }

  async #run(firstAttemptDone: () => void): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      const attempt = await this.#connect();
      firstAttemptDone();
      if (this.#stopped) return;
      let reason: string;
      if (attempt.ok) {
        failures = 0;
        const why = await attempt.ended;
        if (this.#stopped) return;
        reason = `lost the connection to Docker endpoint "${this.#endpoint.name}" (${this.#endpoint.host}): ${why}`;
        // Its kept-alive sockets may be as dead as the event stream was: reconnect on new ones.
        this.#client?.close();
        this.#client = undefined;
      } else {
        reason = attempt.reason;
      }
      failures += 1;
      const delay = Math.max(
        this.#reconnect.baseMs / 2,
        backoffMs(failures, this.#reconnect.baseMs, this.#reconnect.maxMs),
      );
      const retry = `; retrying in ${durationText(delay)}`;
      // Before a first graph nothing is shown: that is a failure. After, the graph shown may be stale.
      this.#status(
        this.#graph === undefined
          ? { state: 'failed', reason: reason + retry }
          : { state: 'degraded', reason: reason + retry },
      );
      await sleep(delay, undefined, { signal: this.#lifetime.signal }).catch(() => undefined);
    }
  }

  /** One connection: subscribe to events, list everything, emit it; `ended` says when it broke. */
  async #connect(): Promise<Attempt> {
    // Closes this attempt's event stream when the list after it fails, so a retry does not leak it.
    const attempt = new AbortController();
    try {
      this.#client ??= await createDockerClient(this.#endpoint, this.#env);
      const { docker } = this.#client;
      const info = (await docker.info()) as EngineInfo;
      const offset = clockOffsetMs(info, Date.now());
      this.#host = hostFacts(this.#endpoint.name, this.#endpoint.host, info);
      // Subscribe before listing, so nothing that happens during the list is missed.
      this.#listing = true;
      const events = await watchContainerEvents(
        docker,
        (id) => this.#changed(id),
        AbortSignal.any([this.#lifetime.signal, attempt.signal]),
        { ...this.#eventWindows, clockOffsetMs: offset },
      );
      const containers = await this.#listContainers(docker);
      await this.#enqueue(async () => {
        this.#containers = containers;
        this.#publish();
      });
      this.#listing = false;
      if (this.#pending.size > 0) this.#scheduleFlush();
      this.#status({ state: 'live' });
      return { ok: true, ended: events.ended };
    } catch (error) {
      attempt.abort();
      this.#listing = false;
      return { ok: false, reason: describeConnectionFailure(this.#endpoint, error) };
    }
  }

  async #listContainers(docker: Dockerode): Promise<Map<string, ContainerFacts>> {
    const listed = await docker.listContainers({ all: this.#includeStopped });
    const images = new Map<string, Promise<Dockerode.ImageInspectInfo | undefined>>();
    const facts = await Promise.all(listed.map((c) => this.#inspect(docker, c.Id, images)));
    return new Map(facts.filter((f): f is ContainerFacts => f !== undefined).map((f) => [f.id, f]));
  }

  /** The container's facts, or undefined when it is gone or (without includeStopped) not running. */
  async #inspect(
    docker: Dockerode,
    id: string,
    images: Map<string, Promise<Dockerode.ImageInspectInfo | undefined>>,
  ): Promise<ContainerFacts | undefined> {
    const container = await orGone(docker.getContainer(id).inspect());
    if (container === undefined) return undefined;
    if (!this.#includeStopped && !container.State.Running) return undefined;
    // Many containers run one image: inspect it once per relist.
    let image = images.get(container.Image);
    if (image === undefined)
      images.set(container.Image, (image = orGone(docker.getImage(container.Image).inspect())));
    return containerFacts(container, await image);
  }

  #changed(containerId: string): void {
    this.#pending.add(containerId);
    if (!this.#listing) this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushTimer !== undefined || this.#stopped) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      const ids = [...this.#pending];
      this.#pending.clear();
      void this.#enqueue(() => this.#refresh(ids));
    }, this.#coalesceMs);
  }

  async #refresh(ids: readonly string[]): Promise<void> {
    const docker = this.#client?.docker;
    if (docker === undefined || this.#stopped) return;
    const images = new Map<string, Promise<Dockerode.ImageInspectInfo | undefined>>();
    const results = await Promise.allSettled(ids.map((id) => this.#inspect(docker, id, images)));
    results.forEach((result, i) => {
      const id = ids[i]!;
      // A failed inspect means the daemon is going away; the relist after reconnecting covers it.
      if (result.status === 'rejected') return;
      if (result.value === undefined) this.#containers.delete(id);
      else this.#containers.set(id, result.value);
    });
    this.#publish();
  }

  /** Emits the first graph whole, later ones as the patches from the last one. */
  #publish(): void {
    if (this.#host === undefined || this.#stopped) return;
    const next = dockerGraph(this.id, this.#host, this.#containers.values());
    const previous = this.#graph;
    this.#graph = next;
    if (previous === undefined) {
      this.#emit({ type: 'graph', nodes: [...next.nodes()], edges: [...next.edges()] });
      return;
    }
    const patches = diff(previous, next);
    if (patches.length > 0) this.#emit({ type: 'patch', patches });
  }

  // Relists and event refreshes run one at a time, in order, so a slow inspect cannot overwrite
  // newer facts.
  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#work.then(task);
    this.#work = run.catch(() => undefined);
    return run;
  }

  #status(status: PlatformStatus): void {
    this.#emit({ type: 'status', status });
  }
}
