// One kube context as a Platform. It first checks what the context may read (kube-access.ts):
// each kind is then watched cluster-wide where allowed, else in each allowed namespace of the
// context (its kubeconfig `namespace`, else `default`, and those the user added). An informer per
// kind and scope feeds a KubeGraphState; once every informer has listed, the whole graph is
// emitted, then changes as patches, batched over a few milliseconds so a burst of pod events
// becomes one message. Access is checked again every few minutes (and at once when the server
// refuses a list), so a role granted or revoked later changes what is watched.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs } from '../../http/retry-timing.js';
import { messageOf } from '../../model/message-of.js';
import type { PlatformId } from '../../graph/types.js';
import type { Platform, PlatformAccess, PlatformEvent, PlatformStatus } from '../platform.js';
import { accessSummary } from './access-summary.js';
import { checkAccess } from './kube-access.js';
import type { AccessPlan, KindAccess } from './kube-access.js';
import { connectContext } from './kube-connection.js';
import type { KubeConnection } from './kube-connection.js';
import { KubeApiError, KubeHttp } from './kube-http.js';
import { KubeGraphState } from './kube-graph-state.js';
import { KUBE_RESOURCES } from './kube-resources.js';
import type { KubeResource, ResourceName } from './kube-resources.js';
import type { MergedKubeconfig } from './kubeconfig.js';
import { runInformer } from './kind-informer.js';
import type { InformerHandlers, InformerOptions, InformerState } from './kind-informer.js';
import { kubernetesPlatformId } from './kubernetes-descriptor.js';

export interface KubernetesPlatformOptions {
  readonly kubeconfig: MergedKubeconfig;
  readonly context: string;
  /** Namespaces the user added for this context: watched where cluster-wide lists are not allowed. */
  readonly namespaces?: readonly string[];
  /** How long changes are gathered before a patch is emitted; at most 16 ms. Default 10. */
  readonly coalesceMs?: number;
  /** Objects per list page (`limit`). Default 500, as client-go's pager. */
  readonly pageSize?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly watchTimeoutSeconds?: () => number;
  /** How often access is checked again, to pick up a role granted later. Default 2 minutes. */
  readonly accessRecheckMs?: number;
  /** A watch silent this long (no event, no bookmark) is stalled and reopened. Default 150 s. */
  readonly watchStallMs?: number;
  /** A list or review silent this long fails. Default 60 s. */
  readonly requestTimeoutMs?: number;
  /** How long an exec credential plugin may run before it is killed. Default 30 s. */
  readonly execTimeoutMs?: number;
}

const MAX_COALESCE_MS = 16;

interface Informer {
  readonly resource: KubeResource;
  readonly namespace: string | undefined;
  readonly abort: AbortController;
  state: InformerState;
  /** Listed once, or ended: the first graph does not wait for it any more. */
  settled: boolean;
}

function scopeKey(resource: ResourceName, namespace: string | undefined): string {
  return `${resource}@${namespace ?? ''}`;
}

export class KubernetesPlatform implements Platform {
  readonly id: PlatformId;
  readonly type = 'kubernetes';
  readonly #options: KubernetesPlatformOptions;
  readonly #abort = new AbortController();
  readonly #informers = new Map<string, Informer>();
  /** Scopes whose list the API server refused (403), until the next periodic check. */
  readonly #refused = new Set<string>();
  #emit: (event: PlatformEvent) => void = () => {};
  #connection: KubeConnection | undefined;
  #graph: KubeGraphState | undefined;
  #plan: AccessPlan | undefined;
  #access: PlatformAccess | undefined;
  /** Why the last access check failed (unreachable, rejected credentials); cleared by a good one. */
  #checkProblem: string | undefined;
  #checkPending = true;
  /** A list was refused: check again as soon as the check under way (if any) is done. */
  #checkAgain = false;
  #wakeCheck: (() => void) | undefined;
  /** Every informer still running, those a new plan stopped included: stop() waits for them all. */
  readonly #running = new Set<Promise<void>>();
  #graphEmitted = false;
  #flushTimer: NodeJS.Timeout | undefined;
  #lastStatus = '';
  #settleStart: () => void = () => {};
  #loop: Promise<void> = Promise.resolve();
  #stopping: Promise<void> | undefined;

  constructor(options: KubernetesPlatformOptions) {
    this.#options = options;
    this.id = kubernetesPlatformId(options.context);
    // Every informer and every access review listens to this one signal: 8 kinds × N namespaces,
    // 16 reviews at once. Node's warning at 10 listeners would cry wolf.
    setMaxListeners(256, this.#abort.signal);
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
      this.#connection = connectContext(kubeconfig, context, { execTimeoutMs: this.#options.execTimeoutMs });
      http = new KubeHttp(this.#connection, {
        watchStallMs: this.#options.watchStallMs,
        requestTimeoutMs: this.#options.requestTimeoutMs,
      });
    } catch (error) {
      this.#setStatus({ state: 'failed', reason: messageOf(error) });
      return;
    }
    const cluster = kubeconfig.contexts.get(context)?.cluster;
    this.#graph = new KubeGraphState(this.id, { name: context, cluster, server: http.server });
    const firstGraph = new Promise<void>((resolve) => (this.#settleStart = resolve));
    this.#loop = this.#checkLoop(http);
    await firstGraph;
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#abort.abort();
      this.#wakeCheck?.();
      clearTimeout(this.#flushTimer);
      await this.#loop;
      await Promise.all(this.#running);
      await this.#connection?.close();
      this.#emit({ type: 'status', status: { state: 'stopped' } });
      this.#settleStart();
    })();
    return this.#stopping;
  }

  /** The namespaces to look in when a kind may not be listed cluster-wide. */
  #namespaces(): string[] {
    const own = this.#options.kubeconfig.contexts.get(this.#options.context)?.namespace ?? 'default';
    return [...new Set([own, ...(this.#options.namespaces ?? [])])];
  }

  async #checkLoop(http: KubeHttp): Promise<void> {
    const signal = this.#abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      this.#checkPending = true;
      this.#checkAgain = false;
      try {
        const refused = new Set(this.#refused);
        const plan = await checkAccess(
          http,
          KUBE_RESOURCES,
          this.#namespaces(),
          { has: (resource, namespace) => refused.has(scopeKey(resource, namespace)) },
          signal,
        );
        if (signal.aborted) return;
        failures = 0;
        this.#checkProblem = undefined;
        this.#checkPending = false;
        this.#apply(plan, http);
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.#checkProblem = checkFailure(error, this.#options.context);
        this.#checkPending = false;
        this.#updateStatus();
        await sleep(backoffMs(failures, this.#backoff.base, this.#backoff.max), undefined, { signal }).catch(
          () => {},
        );
        continue;
      }
      const periodic = await this.#nextCheck();
      // A refusal stands until the next periodic check: then the reviews decide again.
      if (periodic) this.#refused.clear();
    }
  }

  /** Resolves true after the recheck interval, false when a refusal asked for a check now. */
  #nextCheck(): Promise<boolean> {
    if (this.#checkAgain) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wakeCheck = undefined;
        resolve(true);
      }, this.#options.accessRecheckMs ?? 120_000);
      this.#wakeCheck = () => {
        clearTimeout(timer);
        this.#wakeCheck = undefined;
        resolve(false);
      };
    });
  }

  get #backoff(): { base: number; max: number } {
    return { base: this.#options.backoffBaseMs ?? 500, max: this.#options.backoffMaxMs ?? 30_000 };
  }

  /** Watches what `plan` allows: starts informers for new scopes, stops (and forgets) dropped ones. */
  #apply(plan: AccessPlan, http: KubeHttp): void {
    const graph = this.#graph!;
    const before = this.#plan;
    this.#plan = plan;
    this.#access = accessSummary(plan);
    const wanted = new Map<string, { resource: KubeResource; namespace: string | undefined }>();
    for (const kind of plan) {
      if (kind.clusterWide)
        wanted.set(scopeKey(kind.resource.name, undefined), {
          resource: kind.resource,
          namespace: undefined,
        });
      for (const namespace of kind.namespaces)
        wanted.set(scopeKey(kind.resource.name, namespace), { resource: kind.resource, namespace });
    }
    for (const [key, informer] of this.#informers) {
      if (wanted.has(key)) continue;
      informer.abort.abort();
      this.#informers.delete(key);
    }
    for (const kind of plan) graph.retain(kind.resource.name, (namespace) => watches(kind, namespace));
    if (before === undefined || !samePlan(before, plan)) {
      const byName = new Map(plan.map((kind) => [kind.resource.name, kind]));
      graph.setReadable((resource, namespace) => {
        const kind = byName.get(resource);
        return kind !== undefined && watches(kind, namespace);
      });
    }
    for (const [key, { resource, namespace }] of wanted) {
      if (!this.#informers.has(key)) this.#startInformer(http, key, resource, namespace);
    }
    this.#updateStatus();
    this.#changed();
  }

  #startInformer(http: KubeHttp, key: string, resource: KubeResource, namespace: string | undefined): void {
    const abort = new AbortController();
    const informer: Informer = {
      resource,
      namespace,
      abort,
      state: { state: 'listing' },
      settled: false,
    };
    this.#informers.set(key, informer);
    const options: InformerOptions = {
      where: `context "${this.#options.context}"`,
      pageSize: this.#options.pageSize ?? 500,
      backoffBaseMs: this.#backoff.base,
      backoffMaxMs: this.#backoff.max,
      watchTimeoutSeconds: this.#options.watchTimeoutSeconds ?? (() => Math.floor(300 * (1 + Math.random()))),
    };
    const done = runInformer(
      http,
      resource,
      namespace,
      this.#handlers(informer, key),
      options,
      AbortSignal.any([this.#abort.signal, abort.signal]),
    );
    this.#running.add(done);
    const forget = () => this.#running.delete(done);
    done.then(forget, forget);
  }

  #handlers(informer: Informer, key: string): InformerHandlers {
    const { resource, namespace } = informer;
    // An informer stopped by a new plan may still deliver what was in flight: drop it.
    const current = () => !informer.abort.signal.aborted && !this.#abort.signal.aborted;
    return {
      relist: () => {
        const sink = this.#graph!.relist(resource, namespace);
        return {
          page: (objects) => {
            if (!current()) return;
            sink.page(objects);
            this.#changed();
          },
          done: () => {
            if (!current()) return;
            sink.done();
            informer.settled = true;
            this.#changed();
          },
        };
      },
      change: (type, object) => {
        if (!current()) return;
        if (type === 'DELETED') this.#graph?.delete(resource, object);
        else this.#graph?.upsert(resource, object);
        this.#changed();
      },
      state: (state) => {
        if (!current()) return;
        informer.state = state;
        if (state.state === 'forbidden') {
          // The reviews said yes, the server says no: watch without this scope, asked again now.
          this.#informers.delete(key);
          this.#refused.add(key);
          this.#checkPending = true;
          this.#checkAgain = true;
          this.#wakeCheck?.();
        } else if (state.state !== 'listing') informer.settled ||= state.state !== 'synced';
        this.#updateStatus();
        this.#changed();
      },
    };
  }

  #changed(): void {
    if (this.#abort.signal.aborted || this.#graph === undefined) return;
    if (!this.#graphEmitted) {
      if (this.#checkPending || this.#plan === undefined || this.#informers.size === 0) return;
      if ([...this.#informers.values()].some((informer) => !informer.settled)) return;
      this.#graphEmitted = true;
      this.#emit({ type: 'graph', ...this.#graph.snapshot() });
      this.#updateStatus();
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
    const access = this.#access === undefined ? {} : { access: this.#access };
    const states = [...this.#informers.values()].map((informer) => informer.state);
    const problems = [
      ...new Set([
        ...(this.#checkProblem === undefined ? [] : [this.#checkProblem]),
        ...states.flatMap((state) => ('reason' in state ? [state.reason] : [])),
      ]),
    ];
    // A stalled watch reconnecting still has its objects: the context is degraded, not failed.
    const working = states.filter((state) => ['synced', 'listing', 'reconnecting'].includes(state.state));
    if (
      this.#plan !== undefined &&
      states.length === 0 &&
      !this.#checkPending &&
      this.#checkProblem === undefined
    ) {
      this.#setStatus({
        state: 'failed',
        reason: `context "${this.#options.context}" may not list what Cupdate reads in ${this.#namespaces().join(', ')} nor cluster-wide; ask for list and watch on pods there, or add a namespace you may read`,
        ...access,
      });
      this.#settleStart();
    } else if (problems.length > 0 && working.length === 0 && !this.#checkPending) {
      this.#setStatus({ state: 'failed', reason: problems.join('; '), ...access });
      this.#settleStart();
    } else if (problems.length > 0)
      this.#setStatus({ state: 'degraded', reason: problems.join('; '), ...access });
    // Once a graph is shown, scopes being (re)listed after a new access check do not make it stale.
    else if (!this.#graphEmitted && (this.#checkPending || states.some((state) => state.state === 'listing')))
      this.#setStatus({ state: 'connecting', ...access });
    else this.#setStatus({ state: 'live', ...access });
  }

  #setStatus(status: PlatformStatus): void {
    const key = JSON.stringify(status);
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#emit({ type: 'status', status });
  }
}

function watches(kind: KindAccess, namespace: string): boolean {
  return kind.clusterWide || kind.namespaces.includes(namespace);
}

function samePlan(a: AccessPlan, b: AccessPlan): boolean {
  return (
    JSON.stringify(a.map(({ resource, ...rest }) => [resource.name, rest])) ===
    JSON.stringify(b.map(({ resource, ...rest }) => [resource.name, rest]))
  );
}

/** Why the access check failed, said once for the context (not once per kind). */
function checkFailure(error: unknown, context: string): string {
  if (error instanceof KubeApiError && error.status === 401)
    return `the API server rejected the credentials of context "${context}"; log in again or fix the user entry`;
  return messageOf(error);
}
