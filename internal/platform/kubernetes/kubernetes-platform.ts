// One kube context as a Platform: an informer per kind feeds a KubeGraphState; once every kind has
// been listed the whole graph is emitted, then changes as patches, batched over a few milliseconds
// so a burst of pod events becomes one message.
import type { Platform, PlatformEvent, PlatformStatus } from '../platform.js';
import type { PlatformId } from '../../graph/types.js';
import { kubeConfigForContext } from './kubeconfig.js';
import type { MergedKubeconfig } from './kubeconfig.js';
import { KubeHttp } from './kube-http.js';
import { KUBE_RESOURCES } from './kube-resources.js';
import type { KubeResource, ResourceName } from './kube-resources.js';
import { runInformer } from './kind-informer.js';
import type { InformerHandlers, InformerOptions, InformerState } from './kind-informer.js';
import { KubeGraphState } from './kube-graph-state.js';
import { messageOf } from '../../model/message-of.js';
import { kubernetesPlatformId } from './kubernetes-descriptor.js';

export interface KubernetesPlatformOptions {
  readonly kubeconfig: MergedKubeconfig;
  readonly context: string;
  /** How long changes are gathered before a patch is emitted; at most 16 ms. Default 10. */
  readonly coalesceMs?: number;
  /** Objects per list page (`limit`). Default 500, as client-go's pager. */
  readonly pageSize?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly watchTimeoutSeconds?: () => number;
}

const MAX_COALESCE_MS = 16;

export class KubernetesPlatform implements Platform {
  readonly id: PlatformId;
  readonly type = 'kubernetes';
  readonly #options: KubernetesPlatformOptions;
  readonly #abort = new AbortController();
  readonly #states = new Map<ResourceName, InformerState>();
  readonly #listed = new Set<ResourceName>();
  #emit: (event: PlatformEvent) => void = () => {};
  #graph: KubeGraphState | undefined;
  #graphEmitted = false;
  #flushTimer: NodeJS.Timeout | undefined;
  #lastStatus = '';
  #settleStart: () => void = () => {};
  #informers: Promise<unknown> = Promise.resolve();
  #stopping: Promise<void> | undefined;

  constructor(options: KubernetesPlatformOptions) {
    this.#options = options;
    this.id = kubernetesPlatformId(options.context);
  }

  async start(emit: (event: PlatformEvent) => void, signal: AbortSignal): Promise<void> {
    if (this.#stopping !== undefined || this.#graph !== undefined)
      throw new Error(`${this.id} was already started; create a new platform`);
    this.#emit = (event) => {
      try {
        emit(event);
      } catch {
        // A listener's fault must not stop the watches.
      }
    };
    if (signal.aborted) return this.stop();
    signal.addEventListener('abort', () => void this.stop(), { once: true });
    this.#setStatus({ state: 'connecting' });

    const { kubeconfig, context } = this.#options;
    let http: KubeHttp;
    try {
      http = new KubeHttp(kubeConfigForContext(kubeconfig, context));
    } catch (error) {
      this.#setStatus({ state: 'failed', reason: messageOf(error) });
      return;
    }
    const cluster = kubeconfig.contexts.get(context)?.cluster;
    this.#graph = new KubeGraphState(this.id, { name: context, cluster, server: http.server });
    const firstGraph = new Promise<void>((resolve) => (this.#settleStart = resolve));
    const informerOptions: InformerOptions = {
      where: `context "${context}"`,
      pageSize: this.#options.pageSize ?? 500,
      backoffBaseMs: this.#options.backoffBaseMs ?? 500,
      backoffMaxMs: this.#options.backoffMaxMs ?? 30_000,
      watchTimeoutSeconds: this.#options.watchTimeoutSeconds ?? (() => Math.floor(300 * (1 + Math.random()))),
    };
    this.#informers = Promise.all(
      KUBE_RESOURCES.map((resource) =>
        runInformer(http, resource, this.#handlers(resource), informerOptions, this.#abort.signal),
      ),
    );
    await firstGraph;
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#abort.abort();
      clearTimeout(this.#flushTimer);
      await this.#informers;
      this.#emit({ type: 'status', status: { state: 'stopped' } });
      this.#settleStart();
    })();
    return this.#stopping;
  }

  #handlers(resource: KubeResource): InformerHandlers {
    return {
      relist: () => {
        const sink = this.#graph!.relist(resource);
        return {
          page: (objects) => {
            sink.page(objects);
            this.#changed();
          },
          done: () => {
            sink.done();
            this.#listed.add(resource.name);
            this.#changed();
          },
        };
      },
      change: (type, object) => {
        if (type === 'DELETED') this.#graph?.delete(resource, object);
        else this.#graph?.upsert(resource, object);
        this.#changed();
      },
      state: (state) => {
        if (this.#abort.signal.aborted) return;
        this.#states.set(resource.name, state);
        if (state.state === 'unavailable') this.#listed.add(resource.name);
        this.#updateStatus();
        this.#changed();
      },
    };
  }

  #changed(): void {
    if (this.#abort.signal.aborted || this.#graph === undefined) return;
    if (!this.#graphEmitted) {
      if (this.#listed.size < KUBE_RESOURCES.length) return;
      this.#graphEmitted = true;
      this.#emit({ type: 'graph', ...this.#graph.snapshot() });
      this.#settleStart();
      return;
    }
    if (this.#flushTimer !== undefined || !this.#graph.hasChanges) return;
    const delay = Math.min(this.#options.coalesceMs ?? 10, MAX_COALESCE_MS);
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      const patches = this.#graph?.flush() ?? [];
      if (patches.length > 0 && !this.#abort.signal.aborted) this.#emit({ type: 'patch', patches });
    }, delay);
  }

  #updateStatus(): void {
    const states = KUBE_RESOURCES.map(
      (resource) => this.#states.get(resource.name) ?? { state: 'listing' as const },
    );
    const problems = [...new Set(states.flatMap((state) => ('reason' in state ? [state.reason] : [])))];
    if (states.every((state) => state.state === 'error' || state.state === 'unavailable')) {
      this.#setStatus({ state: 'failed', reason: problems.join('; ') });
      this.#settleStart();
    } else if (problems.length > 0) this.#setStatus({ state: 'degraded', reason: problems.join('; ') });
    else if (states.some((state) => state.state === 'listing')) this.#setStatus({ state: 'connecting' });
    else this.#setStatus({ state: 'live' });
  }

  #setStatus(status: PlatformStatus): void {
    const key = JSON.stringify(status);
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#emit({ type: 'status', status });
  }
}
