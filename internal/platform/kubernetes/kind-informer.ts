// List + watch of one resource, as client-go's reflector does it (Kubernetes API concepts,
// "Efficient detection of changes" and "Watch bookmarks"):
// - list (in pages of `limit`, following `continue`) and remember the list's resourceVersion;
// - watch from it; every event and BOOKMARK moves the remembered resourceVersion forward;
// - a watch the server ends (its timeoutSeconds) or a dropped connection resumes from the last
//   resourceVersion, without relisting;
// - 410 Gone (as HTTP status or as an ERROR event carrying a Status with code 410) means that
//   resourceVersion is compacted away: relist;
// - a watch that stalls (open, but silent past the bound: kube-http.ts) is dropped and resumed the
//   same way, and says so while it reconnects;
// - 403 ends the informer: the platform checks access again and decides what to watch instead;
// - any other failure waits a full-jitter exponential backoff before trying again.
// One informer watches one kind in one scope: cluster-wide, or one namespace.
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs } from '../../http/retry-timing.js';
import { KubeApiError, KubeWatchStalled } from './kube-http.js';
import type { KubeHttp, WatchEvent } from './kube-http.js';
import { collectionPath } from './kube-resources.js';
import type { KubeResource } from './kube-resources.js';
import { resourceVersionOf } from './kube-objects.js';
import { messageOf } from '../../model/message-of.js';

type Json = Record<string, unknown>;

export type InformerState =
  | { readonly state: 'listing' }
  | { readonly state: 'synced' }
  /** 403: not allowed in this scope; the informer has ended. */
  | { readonly state: 'forbidden'; readonly reason: string }
  /** 404: this context does not serve the kind; the informer keeps retrying slowly. */
  | { readonly state: 'unavailable'; readonly reason: string }
  /** The watch stalled and is being opened again. */
  | { readonly state: 'reconnecting'; readonly reason: string }
  | { readonly state: 'error'; readonly reason: string };

/** Receives one (re)list page by page, so a large list is never held whole. */
export interface RelistSink {
  page(objects: readonly Json[]): void;
  /** The list is complete: objects not seen since the relist began are gone. */
  done(): void;
}

export interface InformerHandlers {
  relist(): RelistSink;
  change(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Json): void;
  state(state: InformerState): void;
}

export interface InformerOptions {
  readonly pageSize: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** The context, for messages: `context "prod"`. */
  readonly where: string;
  /** client-go picks 5–10 minutes at random so a fleet of watchers does not reconnect in step. */
  readonly watchTimeoutSeconds: () => number;
}

class WatchGone extends Error {}

/** Lists and watches `resource` in `namespace` (undefined: cluster-wide) until `signal` aborts or 403. */
export async function runInformer(
  http: KubeHttp,
  resource: KubeResource,
  namespace: string | undefined,
  handlers: InformerHandlers,
  options: InformerOptions,
  signal: AbortSignal,
): Promise<void> {
  const path = collectionPath(resource, namespace);
  const where = namespace === undefined ? options.where : `namespace "${namespace}" of ${options.where}`;
  let resourceVersion: string | undefined;
  let failures = 0;
  handlers.state({ state: 'listing' });
  while (!signal.aborted) {
    let opened = false;
    try {
      if (resourceVersion === undefined) {
        const sink = handlers.relist();
        const listed = await listPages(http, path, options.pageSize, signal, (items) => sink.page(items));
        sink.done();
        resourceVersion = listed;
        handlers.state({ state: 'synced' });
        failures = 0;
      }
      const watchSignal = new AbortController();
      const query = `watch=1&resourceVersion=${encodeURIComponent(resourceVersion)}&allowWatchBookmarks=true&timeoutSeconds=${options.watchTimeoutSeconds()}`;
      await http
        .watch(
          `${path}?${query}`,
          AbortSignal.any([signal, watchSignal.signal]),
          () => {
            opened = true;
            failures = 0;
            handlers.state({ state: 'synced' });
          },
          (event) => {
            const outcome = handleEvent(event, handlers);
            if (outcome instanceof Error) watchSignal.abort(outcome);
            else if (outcome !== undefined) resourceVersion = outcome;
          },
        )
        .catch((error: unknown) => {
          if (!watchSignal.signal.aborted) throw error;
        });
      // An ERROR event ended the watch: what counts is that error, not how the stream closed.
      if (watchSignal.signal.aborted) throw watchSignal.signal.reason;
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof WatchGone || (error instanceof KubeApiError && error.status === 410)) {
        resourceVersion = undefined;
        continue;
      }
      const state = failureState(resource, where, path, error);
      if (state.state === 'forbidden') {
        handlers.state(state);
        return;
      }
      failures += 1;
      // A watch that was open and then dropped is routine (load balancers, apiserver restarts):
      // resume quietly; only failures to (re)connect, and stalls, change the state.
      if (error instanceof KubeWatchStalled) {
        handlers.state({
          state: 'reconnecting',
          reason: `${resource.name} in ${where}: ${error.message}; reconnecting`,
        });
        // A stall is not the server refusing us: resume at once, as after a drop.
        continue;
      }
      if (!opened) handlers.state(state);
      await sleep(backoffMs(failures, options.backoffBaseMs, options.backoffMaxMs), undefined, {
        signal,
      }).catch(() => {});
    }
  }
}

/** The new resourceVersion, an Error that ends this watch, or undefined. */
function handleEvent(event: WatchEvent, handlers: InformerHandlers): string | Error | undefined {
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      handlers.change(event.type, event.object);
      return resourceVersionOf(event.object);
    case 'BOOKMARK':
      return resourceVersionOf(event.object);
    case 'ERROR': {
      const message = typeof event.object['message'] === 'string' ? event.object['message'] : 'watch error';
      if (event.object['code'] === 410) return new WatchGone(message);
      return new KubeApiError(
        message,
        typeof event.object['code'] === 'number' ? event.object['code'] : undefined,
      );
    }
    default:
      return undefined;
  }
}

/** Lists every page (`limit`/`continue`), handing each to `onPage`; returns the list's resourceVersion. */
async function listPages(
  http: KubeHttp,
  path: string,
  pageSize: number,
  signal: AbortSignal,
  onPage: (items: readonly Json[]) => void,
): Promise<string> {
  let token: string | undefined;
  let resourceVersion = '';
  do {
    const query = `limit=${pageSize}${token === undefined ? '' : `&continue=${encodeURIComponent(token)}`}`;
    const page = await http.getJson(`${path}?${query}`, signal);
    const metadata = (page['metadata'] ?? {}) as Json;
    onPage(Array.isArray(page['items']) ? (page['items'] as Json[]) : []);
    resourceVersion =
      typeof metadata['resourceVersion'] === 'string' ? metadata['resourceVersion'] : resourceVersion;
    token =
      typeof metadata['continue'] === 'string' && metadata['continue'] !== ''
        ? metadata['continue']
        : undefined;
  } while (token !== undefined);
  return resourceVersion;
}

function failureState(resource: KubeResource, where: string, path: string, error: unknown): InformerState {
  const message = messageOf(error);
  if (error instanceof KubeApiError && error.status === 403) {
    return {
      state: 'forbidden',
      reason: `forbidden to list ${resource.name} in ${where}; grant list and watch on ${resource.name} (${message})`,
    };
  }
  if (error instanceof KubeApiError && error.status === 404) {
    return { state: 'unavailable', reason: `${where} does not serve ${resource.name} at ${path}` };
  }
  if (error instanceof KubeApiError && error.status === 401) {
    return {
      state: 'error',
      reason: `the API server rejected the credentials of ${where}; log in again or fix the user entry`,
    };
  }
  // Transport failures are the same for every kind: one reason, not eight.
  if (error instanceof KubeApiError && error.status === undefined) return { state: 'error', reason: message };
  return { state: 'error', reason: `${resource.name} in ${where}: ${message}` };
}
