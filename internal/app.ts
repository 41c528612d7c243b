// The core: the only object a host (Electron, `cli serve`, `cli scan`) holds. It runs the
// platforms, merges their graphs, keeps the store, schedules images through the "process image"
// workflow and emits typed events (docs/pipeline.md, "The core"). Never imports electron.
import { setMaxListeners } from 'node:events';
import type { GraphEdge, GraphNode } from './graph/types.js';
import type { HttpStats } from './http/types.js';
import { HttpClient } from './http/client.js';
import { RegistryClient } from './oci/client.js';
import { chainCredentials } from './oci/credential-chain.js';
import { DockerConfigCredentials } from './oci/credentials.js';
import { parseReference } from './oci/reference.js';
import { createProcessImageWorkflow } from './pipeline/process-image-workflow.js';
import type { Platform } from './platform/platform.js';
import { Scheduler, type Priority, type QueueCounts } from './scheduler/scheduler.js';
import { openStore } from './store/store.js';
import type { ImageDetails } from './model/image.js';
import type { ImagePage, ListImagesQuery } from './model/image-query.js';
import type { HistoryEntry } from './model/history.js';
import type { StoreSummary } from './model/summary.js';
import { messageOf } from './model/message-of.js';
import { AppStateError, UnknownImageError } from './app/errors.js';
import { AppEmitter, type AppEventName, type AppListener } from './app/events.js';
import { firstGraphDeadline, missedFirstGraph } from './app/first-graph-deadline.js';
import { ImageProcessor } from './app/image-processor.js';
import { imageTarget, type ImageTarget } from './app/image-target.js';
import { databasePath, resolveOptions, type AppOptions } from './app/options.js';
import { PlatformFeed, type PlatformInfo } from './app/platform-feed.js';
import { PlatformGraphs, type UnresolvableImage } from './app/platform-graphs.js';
import { RecheckTimer } from './app/recheck-timer.js';
import { registryLimit, registryOf } from './app/registry-limit.js';
import { userRuleFor } from './app/user-rules.js';
import { withWriteTiming } from './app/write-timing.js';
import { listAllImages } from './store/list-all-images.js';
import type { Bump, UpdateActions } from './actions/types.js';

export type {
  AppOptions,
  AppStorage,
  AppRunOptions,
  RegistrySettings,
  SourceSettings,
} from './app/options.js';
export type { AppEvents, AppEventName, AppListener, ImageSummary } from './app/events.js';
export type { PlatformInfo } from './app/platform-feed.js';
export type { UnresolvableImage } from './app/platform-graphs.js';
export type { QueueCounts } from './scheduler/scheduler.js';
export { AppOptionsError, AppStateError, UnknownImageError } from './app/errors.js';

/** Abort listeners one image's run adds to the scheduler's signal, at most (workflow, job, step). */
const LISTENERS_PER_RUN = 4;
/** How many due images one round of a pass asks the store for (its page limit). */
const DUE_PER_ROUND = 1000;

export interface App {
  /**
   * Starts every platform and the re-check timer; returns without waiting for the platforms. Images
   * are scheduled once every platform has reported its first graph (or failed, or missed the
   * first-graph deadline: then it is shown failed and its images are scheduled when they come).
   */
  start(): Promise<void>;
  /**
   * Resolves when every platform has emitted its first graph (or failed, or missed the first-graph
   * deadline) and the queue is empty.
   */
  settled(): Promise<void>;
  /**
   * Watches these platforms from now on, by id: one already watched keeps running (unless it
   * failed or stopped: then the new one replaces it), one no longer listed stops and its graph
   * leaves the graph and the store (its images are kept as history, `disappearedAt` set), a new one
   * starts. The ids in `restart` are replaced by their new instance even when running (their
   * configuration changed, e.g. a kube context's namespaces). The scheduler, the HTTP client and
   * its caches carry on.
   */
  setPlatforms(
    platforms: readonly Platform[],
    options?: { readonly restart?: readonly string[] },
  ): Promise<void>;
  /** Stops platforms, in-flight checks (nothing half-saved) and the timer; closes the store. Idempotent. */
  stop(): Promise<void>;
  /** The user gave or changed a registry login: the next requests look credentials up again. */
  credentialsChanged(registry?: string): void;
  /** Checks `reference` (any spelling: it is normalized) before anything else. */
  checkNow(reference: string): void;
  /** Checks every image that runs, now; returns how many were queued (ignored ones are not). */
  checkAll(): number;
  /** Checks again, now, every running image that `matches` (after a rule or a login changed); returns how many. */
  recheckWhere(matches: (reference: string) => boolean): number;
  on<K extends AppEventName>(name: K, listener: AppListener<K>): () => void;
  graph(): { nodes: GraphNode[]; edges: GraphEdge[] };
  summary(): StoreSummary;
  /** How many images wait in the scheduler's queue and how many are being checked. */
  queue(): QueueCounts;
  listImages(query: ListImagesQuery): ImagePage;
  getImage(reference: string): ImageDetails | undefined;
  /**
   * For the update `bump` (default: the image's biggest), the change at each place it runs
   * (docs/actions.md). Throws UnknownImageError, or NoSuchUpdateError when it has no such update.
   */
  updateActions(reference: string, bump?: Bump): Promise<UpdateActions>;
  /** `update-found` history entries, newest first. */
  recentUpdates(limit: number): HistoryEntry[];
  /** Changes over time (appeared, disappeared, update found), newest first. */
  history(query: { readonly since?: number; readonly limit: number }): HistoryEntry[];
  platforms(): PlatformInfo[];
  /** Image nodes without a reference: they cannot be checked, and say why. */
  unresolvedImages(): UnresolvableImage[];
  /** Counters for diagnostics and benchmarks: HTTP requests/cache, time spent writing the store. */
  stats(): AppStats;
}

export interface AppStats {
  readonly http: HttpStats;
  readonly storeWriteMs: number;
}

export function createApp(options: AppOptions): App {
  const settings = resolveOptions(options);
  const { now } = settings;
  const ownsStore = options.store === undefined;
  const timed = withWriteTiming(
    options.store === undefined ? openStore(databasePath(options.dataDir), { now }) : options.store,
  );
  const { store } = timed;
  const ownsHttp = options.http === undefined;
  const http = options.http ?? new HttpClient({ cache: store.httpCache, now });
  const endpoints = {
    insecureRegistries: options.registry?.insecureRegistries ?? [],
    registryUrls: options.registry?.registryUrls ?? {},
  };
  const registry = new RegistryClient({
    http,
    ...endpoints,
    credentials: chainCredentials(
      ...(options.credentials === undefined ? [] : [options.credentials]),
      new DockerConfigCredentials(
        options.registry?.dockerConfigDir === undefined
          ? {}
          : { configDir: options.registry.dockerConfigDir },
      ),
    ),
    now,
  });
  const workflow = createProcessImageWorkflow({
    registry,
    stepTimeoutMs: settings.stepTimeoutMs,
    sources: { http, ...settings.sources },
  });
  const events = new AppEmitter();
  const graphs = new PlatformGraphs();
  const target = (reference: string): ImageTarget | undefined =>
    imageTarget(reference, graphs.places(reference), userRuleFor(options.userRules?.() ?? [], reference));
  const processor = new ImageProcessor({ store, workflow, events, now, target });
  const scheduler = new Scheduler({
    run: (reference, signal) => {
      // Every run in flight listens to this one scheduler signal (the workflow and each step's
      // deadline), so the default warning at 10 listeners would cry wolf.
      setMaxListeners(settings.concurrency * LISTENERS_PER_RUN, signal);
      return processor.process(reference, signal);
    },
    registryOf,
    concurrency: settings.concurrency,
    registryLimit: registryLimit(http, endpoints, settings.perRegistryConcurrency, now),
    onProgress: (event) => events.emit('progress', event),
    now,
  });

  /** Queues `reference` unless it is ignored or runs nowhere; says whether it was queued. */
  const enqueue = (reference: string, priority: Priority): boolean => {
    if (target(reference)?.ignored !== false) return false;
    scheduler.enqueue(reference, priority);
    return true;
  };
  // One pass checks everything that is due when it starts, a store page (DUE_PER_ROUND) at a time:
  // the next page is asked for once the scheduler has run the last one. Before, each timer tick or
  // graph change queued one page, so a restart with 1,685 due images checked 1,000 and left 685
  // pending until the next tick, and `scan` (minimum age 0) checked at most 1,000 (issue 15).
  let pass: Promise<void> | undefined;
  const runPass = async () => {
    const startedAt = now();
    const offered = new Set<string>();
    for (;;) {
      // Images this pass checked have last_processed >= startedAt: not due again within it, even
      // with a minimum age of 0.
      const olderThanMs = Math.max(settings.minimumAgeMs, now() - startedAt + 1);
      // Ignored images stay due (they are never checked): `offered` keeps them from counting as new.
      const round = store
        .dueForCheck(olderThanMs, DUE_PER_ROUND)
        .filter((reference) => !offered.has(reference));
      if (round.length === 0) return;
      for (const reference of round) {
        offered.add(reference);
        enqueue(reference, 'recheck');
      }
      await scheduler.idle();
      if (stopping !== undefined) return;
    }
  };
  const enqueueDue = () => {
    // A platform's first graph or the timer can land while stop() runs: the store is closing.
    if (stopping !== undefined || pass !== undefined) return;
    pass = runPass()
      .catch((error: unknown) => {
        if (stopping === undefined) process.emitWarning(`re-check pass stopped: ${messageOf(error)}`);
      })
      .finally(() => {
        pass = undefined;
      });
  };
  /** Every image that runs somewhere now. */
  const running = () => listAllImages(store, {}).map((item) => item.reference);
  // Until every platform has reported its first graph, images are only noted: an image running on
  // two platforms is checked once, with the tags of both places.
  let starting: Set<string> | undefined = new Set();
  const imagesChanged = (appeared: readonly string[]) => {
    if (starting !== undefined) {
      for (const reference of appeared) starting.add(reference);
      return;
    }
    for (const reference of appeared) enqueue(reference, 'new');
    enqueueDue();
  };
  const feed = new PlatformFeed(options.platforms, { graphs, store, events, imagesChanged });
  const recheck = new RecheckTimer(settings.recheckIntervalMs, enqueueDue);

  const lifetime = new AbortController();
  /** Each watched platform and its own stop signal (a child of the app's lifetime). */
  const watching = new Map<string, { platform: Platform; stop: AbortController; started: Promise<void> }>();
  let firstGraphs: Promise<unknown> | undefined;
  let stopping: Promise<void> | undefined;

  const requireRunning = (method: string) => {
    if (stopping !== undefined)
      throw new AppStateError(`${method}() was called after stop(); create a new app`);
  };

  /** Starts one platform; resolves when it reported its first graph (or failed: never rejects). */
  const watch = (platform: Platform): Promise<void> => {
    const stop = new AbortController();
    lifetime.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const started = firstGraphDeadline(
      platform.start(feed.emitterFor(platform), stop.signal).catch((error: unknown) => {
        // The Platform contract says start never rejects; one that does is failed, not fatal.
        feed.setStatus(platform.id, { state: 'failed', reason: messageOf(error) });
      }),
      settings.firstGraphTimeoutMs,
      () =>
        feed.setStatus(platform.id, missedFirstGraph(feed.status(platform.id), settings.firstGraphTimeoutMs)),
    );
    watching.set(platform.id, { platform, stop, started });
    return started;
  };

  const unwatch = async (id: string): Promise<void> => {
    const entry = watching.get(id);
    if (entry === undefined) return;
    watching.delete(id);
    entry.stop.abort();
    await entry.platform.stop();
    await entry.started;
    feed.remove(entry.platform);
  };

  return {
    async start() {
      requireRunning('start');
      if (firstGraphs !== undefined) return;
      // What the store remembers of platforms this app does not watch is not running any more.
      for (const id of store.platformIds()) if (!options.platforms.some((p) => p.id === id)) feed.forget(id);
      firstGraphs = Promise.all(options.platforms.map(watch)).then(() => {
        if (stopping !== undefined) return;
        const appeared = [...(starting ?? [])];
        starting = undefined;
        imagesChanged(appeared);
      });
      recheck.start();
    },

    async settled() {
      if (firstGraphs === undefined) throw new AppStateError('settled() was called before start()');
      await firstGraphs;
      await Promise.all([...watching.values()].map((entry) => entry.started));
      // A pass asks for its next page only once the scheduler is idle: wait for the pass too.
      while (pass !== undefined) await pass;
      await scheduler.idle();
    },

    async setPlatforms(platforms, { restart = [] } = {}) {
      requireRunning('setPlatforms');
      if (firstGraphs === undefined) throw new AppStateError('setPlatforms() was called before start()');
      const wanted = new Map(platforms.map((platform) => [platform.id, platform]));
      const replaced = (id: string) => {
        const state = feed.status(id)?.state;
        return restart.includes(id) || state === 'failed' || state === 'stopped';
      };
      const leaving = [...watching.keys()].filter((id) => !wanted.has(id) || replaced(id));
      await Promise.all(leaving.map(unwatch));
      const arriving = platforms.filter((platform) => !watching.has(platform.id));
      feed.setPlatforms(platforms.map((platform) => watching.get(platform.id)?.platform ?? platform));
      for (const platform of arriving) void watch(platform);
    },

    stop() {
      stopping ??= (async () => {
        recheck.stop();
        lifetime.abort();
        await scheduler.stop();
        await pass;
        await Promise.all([...watching.values()].map(({ platform }) => platform.stop()));
        await firstGraphs;
        await Promise.all([...watching.values()].map((entry) => entry.started));
        feed.close();
        if (ownsHttp) await http.close();
        if (ownsStore) store.close();
      })();
      return stopping;
    },

    credentialsChanged: (domain) => registry.forgetCredentials(domain),

    checkNow(input) {
      requireRunning('checkNow');
      const reference = parseReference(input).toString();
      const found = target(reference);
      if (found === undefined) throw new UnknownImageError(input);
      if (!found.ignored) scheduler.enqueue(reference, 'now');
    },

    checkAll() {
      requireRunning('checkAll');
      return running().filter((reference) => enqueue(reference, 'now')).length;
    },

    recheckWhere(matches) {
      requireRunning('recheckWhere');
      return running().filter((reference) => matches(reference) && enqueue(reference, 'now')).length;
    },

    on: (name, listener) => events.on(name, listener),
    graph: () => graphs.snapshot(),
    summary: () => store.summary(),
    queue: () => scheduler.counts(),
    listImages: (query) => store.listImages(query),
    getImage: (reference) => store.getImage(reference),

    async updateActions(input, bump) {
      requireRunning('updateActions');
      const image = store.getImage(parseReference(input).toString());
      if (image === undefined) throw new UnknownImageError(input);
      // Loaded on first use: `scan` and a serve nobody asks for actions never load the YAML parser.
      const { asDockerInspector, updateActions } = await import('./actions/update-actions.js');
      return updateActions(image, bump, {
        resolveDigest: async (reference, tag) =>
          (await registry.headManifest(parseReference(reference), tag)).digest,
        docker: (platformId) => asDockerInspector(watching.get(platformId)?.platform),
      });
    },
    history: (query) => store.history(query),
    recentUpdates: (limit) => store.recentUpdates(limit),
    platforms: () => feed.info(),
    unresolvedImages: () => graphs.unresolvable(),
    stats: () => ({ http: http.stats(), storeWriteMs: timed.writeMs() }),
  };
}
