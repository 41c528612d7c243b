// A fake Kubernetes API server (plain HTTP on 127.0.0.1, random port) that speaks the real list
// and watch protocol, built from the API docs ("API Concepts": Efficient detection of changes,
// Watch bookmarks, Retrieving large results sets in chunks, Resource versions), because no real
// kube-apiserver can run on the test machines (docs/testing.md). It serves:
// - list: `GET <collection>?limit=&continue=` → `{kind: PodList, metadata: {resourceVersion, continue}, items}`;
// - watch: `GET <collection>?watch=1&resourceVersion=&allowWatchBookmarks=&timeoutSeconds=`, a
//   chunked stream of one JSON event per line (ADDED/MODIFIED/DELETED/BOOKMARK/ERROR), replaying
//   every change after the given resourceVersion, then live changes;
// - 410 Gone (as an ERROR event on watch, as HTTP status on an expired `continue`) for a
//   resourceVersion older than the last compaction;
// - every collection cluster-wide (`/api/v1/pods`) and per namespace (`/api/v1/namespaces/shop/pods`);
// - RBAC as kube-apiserver enforces it (`rbac`): 403 with the real Status message outside what the
//   user is bound to, and the authorization API (authorization.k8s.io/v1): SelfSubjectAccessReview
//   and SelfSubjectRulesReview answering from the same bindings;
// - BOOKMARK events every `bookmarkEveryMs` on watches that asked for them, as kube-apiserver sends
//   one about every minute (kubernetes/kubernetes#90249).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export type FakeResource =
  'pods' | 'replicasets' | 'deployments' | 'statefulsets' | 'daemonsets' | 'jobs' | 'cronjobs' | 'nodes';

interface ResourceInfo {
  readonly path: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly group: string;
}

/** Every kind but nodes: what a Role in one namespace can grant. */
export const NAMESPACED: readonly FakeResource[] = [
  'pods',
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
];

const RESOURCES: Readonly<Record<FakeResource, ResourceInfo>> = {
  pods: { path: '/api/v1/pods', kind: 'Pod', apiVersion: 'v1', group: '' },
  nodes: { path: '/api/v1/nodes', kind: 'Node', apiVersion: 'v1', group: '' },
  replicasets: {
    path: '/apis/apps/v1/replicasets',
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    group: 'apps',
  },
  deployments: {
    path: '/apis/apps/v1/deployments',
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    group: 'apps',
  },
  statefulsets: {
    path: '/apis/apps/v1/statefulsets',
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    group: 'apps',
  },
  daemonsets: { path: '/apis/apps/v1/daemonsets', kind: 'DaemonSet', apiVersion: 'apps/v1', group: 'apps' },
  jobs: { path: '/apis/batch/v1/jobs', kind: 'Job', apiVersion: 'batch/v1', group: 'batch' },
  cronjobs: { path: '/apis/batch/v1/cronjobs', kind: 'CronJob', apiVersion: 'batch/v1', group: 'batch' },
};

type Json = Record<string, unknown>;
type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Change {
  readonly resourceVersion: number;
  readonly resource: FakeResource;
  readonly type: EventType;
  readonly object: Json;
}

interface Watcher {
  readonly resource: FakeResource;
  /** Undefined: a cluster-wide watch. */
  readonly namespace: string | undefined;
  readonly response: http.ServerResponse;
  readonly bookmarks: boolean;
}

/** What the user is bound to. Absent (the default): everything, as cluster-admin. */
export interface FakeRbac {
  /** Kinds listable and watchable everywhere (a ClusterRoleBinding). */
  readonly clusterWide?: readonly FakeResource[];
  /** Kinds listable and watchable in one namespace (a RoleBinding there). */
  readonly namespaces?: Readonly<Record<string, readonly FakeResource[]>>;
  /** `forbidden`: the authorization review API answers 403, so clients must find out by listing. */
  readonly reviews?: 'allowed' | 'forbidden';
  /** SelfSubjectRulesReview says `incomplete: true` (a webhook authorizer that cannot enumerate). */
  readonly rulesIncomplete?: boolean;
  /** Reviews allow everything, and the lists then refuse: as when a role is revoked in between. */
  readonly reviewsAllowEverything?: boolean;
}

export interface FakeKubeApiServerOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  /** Listen on this port instead of a random free one (to bring a server back where it was). */
  readonly port?: number;
  /** Send a BOOKMARK this often to watches that allow them (kube-apiserver: about every minute). */
  readonly bookmarkEveryMs?: number;
  /** Serve HTTPS with this certificate; with `clientCa`, only clients with a certificate it signed. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly clientCa?: Buffer };
}

type ReviewKind = 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews';
const REVIEW_PATH = '/apis/authorization.k8s.io/v1/';
const USER = 'system:serviceaccount:default:cupdate';

export class FakeKubeApiServer {
  readonly #server: http.Server | https.Server;
  readonly #options: FakeKubeApiServerOptions;
  readonly #objects = new Map<FakeResource, Map<string, Json>>();
  readonly #history: Change[] = [];
  readonly #watchers = new Set<Watcher>();
  readonly #requests = new Map<string, number>();
  readonly #bookmarkTimer: NodeJS.Timeout | undefined;
  readonly #lastWatchFrom = new Map<FakeResource, string>();
  readonly #listCompletedAt = new Map<FakeResource, number>();
  /** Keys in list order, rebuilt after an add or delete. */
  readonly #sortedKeys = new Map<FakeResource, string[]>();
  #resourceVersion = 1;
  /** Watches and continues from before this resourceVersion get 410 Gone. */
  #compactedAt = 0;
  /** What the user may do; undefined: everything. */
  rbac: FakeRbac | undefined;
  url = '';

  private constructor(options: FakeKubeApiServerOptions) {
    this.#options = options;
    const handle = (request: http.IncomingMessage, response: http.ServerResponse) =>
      this.#handle(request, response);
    const { tls } = options;
    this.#server =
      tls === undefined
        ? http.createServer(handle)
        : https.createServer(
            {
              cert: tls.cert,
              key: tls.key,
              ...(tls.clientCa === undefined
                ? {}
                : { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }),
            },
            handle,
          );
    for (const resource of Object.keys(RESOURCES) as FakeResource[]) this.#objects.set(resource, new Map());
    if (options.bookmarkEveryMs !== undefined)
      this.#bookmarkTimer = setInterval(() => this.bookmark(), options.bookmarkEveryMs);
  }

  static async start(options: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
    const fake = new FakeKubeApiServer(options);
    await new Promise<void>((resolve) => fake.#server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const scheme = options.tls === undefined ? 'http' : 'https';
    fake.url = `${scheme}://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** A kubeconfig `cluster` entry for this server (plain HTTP needs insecure-skip-tls-verify). */
  clusterEntry(name: string): Json {
    return { name, cluster: { server: this.url, 'insecure-skip-tls-verify': true } };
  }

  get openWatches(): number {
    return this.#watchers.size;
  }

  get resourceVersion(): string {
    return String(this.#resourceVersion);
  }

  /** How many list (or watch) requests `resource` received, in any scope. */
  requests(resource: FakeResource, type: 'list' | 'watch'): number {
    return this.#requests.get(`${resource}:${type}`) ?? 0;
  }

  /** How many reviews of that kind were asked. */
  reviews(kind: ReviewKind): number {
    return this.#requests.get(kind) ?? 0;
  }

  /** Open watches of `resource` in `namespace` (undefined: cluster-wide ones). */
  watches(resource: FakeResource, namespace?: string): number {
    return [...this.#watchers].filter(
      (watcher) => watcher.resource === resource && watcher.namespace === namespace,
    ).length;
  }

  add(resource: FakeResource, object: Json): Json {
    return this.#record(resource, 'ADDED', object);
  }

  modify(resource: FakeResource, object: Json): Json {
    return this.#record(resource, 'MODIFIED', object);
  }

  delete(resource: FakeResource, namespace: string, name: string): void {
    const existing = this.#objects.get(resource)!.get(`${namespace}/${name}`);
    if (existing === undefined)
      throw new Error(`fake API server: no ${resource} ${namespace}/${name} to delete`);
    this.#record(resource, 'DELETED', existing);
  }

  /** When the last page of the latest full list of `resource` was sent (epoch ms, sub-ms precision). */
  listCompletedAt(resource: FakeResource): number | undefined {
    return this.#listCompletedAt.get(resource);
  }

  /** The resourceVersion the latest watch of `resource` asked to start from. */
  lastWatchFrom(resource: FakeResource): string | undefined {
    return this.#lastWatchFrom.get(resource);
  }

  /**
   * Cuts every open watch connection mid-stream, as a restarting API server or proxy would.
   * Changes made before the client reconnects reach it only through the resumed watch.
   */
  dropWatches(): void {
    for (const watcher of this.#watchers) watcher.response.socket?.destroy();
    this.#watchers.clear();
  }

  /** Forgets the change history: resuming from any earlier resourceVersion now gets 410 Gone. */
  compact(): void {
    this.#compactedAt = this.#resourceVersion;
    this.#history.length = 0;
  }

  /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
  bookmark(): void {
    for (const watcher of this.#watchers) {
      if (!watcher.bookmarks) continue;
      const info = RESOURCES[watcher.resource];
      const object = {
        kind: info.kind,
        apiVersion: info.apiVersion,
        metadata: { resourceVersion: this.resourceVersion },
      };
      watcher.response.write(JSON.stringify({ type: 'BOOKMARK', object }) + '\n');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#bookmarkTimer);
    for (const watcher of this.#watchers) watcher.response.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #record(resource: FakeResource, type: EventType, input: Json): Json {
    const info = RESOURCES[resource];
    this.#resourceVersion += 1;
    const metadata: Json = { ...(input['metadata'] as Json), resourceVersion: this.resourceVersion };
    metadata['uid'] ??= randomUUID();
    const object: Json = { ...input, kind: info.kind, apiVersion: info.apiVersion, metadata };
    const key = `${(metadata['namespace'] as string | undefined) ?? ''}/${metadata['name'] as string}`;
    const objects = this.#objects.get(resource)!;
    if (type === 'DELETED' || !objects.has(key)) this.#sortedKeys.delete(resource);
    if (type === 'DELETED') objects.delete(key);
    else objects.set(key, object);
    const change: Change = { resourceVersion: this.#resourceVersion, resource, type, object };
    this.#history.push(change);
    for (const watcher of this.#watchers) {
      if (
        watcher.resource === resource &&
        (watcher.namespace ?? metadata['namespace']) === metadata['namespace']
      )
        watcher.response.write(JSON.stringify({ type, object }) + '\n');
    }
    return object;
  }

  /** May the user `verb` (list, watch, get) `resource` in `namespace` (undefined: cluster-wide)? */
  allowed(resource: FakeResource, namespace: string | undefined): boolean {
    const rbac = this.rbac;
    if (rbac === undefined) return true;
    if (rbac.clusterWide?.includes(resource)) return true;
    return namespace !== undefined && (rbac.namespaces?.[namespace]?.includes(resource) ?? false);
  }

  #handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    if (
      this.#options.token !== undefined &&
      request.headers.authorization !== `Bearer ${this.#options.token}`
    ) {
      return sendStatus(response, 401, 'Unauthorized', 'Unauthorized');
    }
    if (request.method === 'POST' && url.pathname.startsWith(REVIEW_PATH)) {
      const kind = url.pathname.slice(REVIEW_PATH.length);
      if (kind === 'selfsubjectaccessreviews' || kind === 'selfsubjectrulesreviews')
        return void this.#review(kind, request, response);
    }
    const route = request.method === 'GET' ? routeOf(url.pathname) : undefined;
    if (route === undefined) {
      return sendStatus(
        response,
        404,
        'NotFound',
        `the server could not find the requested resource (${request.method} ${url.pathname})`,
      );
    }
    const { resource, namespace } = route;
    const watch = url.searchParams.get('watch');
    const isWatch = watch === '1' || watch === 'true';
    this.#requests.set(
      `${resource}:${isWatch ? 'watch' : 'list'}`,
      this.requests(resource, isWatch ? 'watch' : 'list') + 1,
    );
    if (!this.allowed(resource, namespace)) {
      const { group } = RESOURCES[resource];
      const qualified = group === '' ? resource : `${resource}.${group}`;
      // kube-apiserver's wording (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go).
      const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
      return sendStatus(
        response,
        403,
        'Forbidden',
        `${qualified} is forbidden: User "${USER}" cannot ${isWatch ? 'watch' : 'list'} resource "${resource}" in API group "${group}" ${scope}`,
      );
    }
    if (isWatch) this.#watch(resource, namespace, url.searchParams, response);
    else this.#list(resource, namespace, url.searchParams, response);
  }

  async #review(
    kind: ReviewKind,
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    this.#requests.set(kind, this.reviews(kind) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (this.rbac?.reviews === 'forbidden') {
      return sendStatus(
        response,
        403,
        'Forbidden',
        `${kind}.authorization.k8s.io is forbidden: User "${USER}" cannot create resource "${kind}" in API group "authorization.k8s.io" at the cluster scope`,
      );
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
    const spec = (body['spec'] ?? {}) as Json;
    const answer = { apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec };
    if (kind === 'selfsubjectaccessreviews') {
      const attributes = (spec['resourceAttributes'] ?? {}) as Record<string, string>;
      const resource = (Object.keys(RESOURCES) as FakeResource[]).find(
        (name) => name === attributes['resource'] && RESOURCES[name].group === (attributes['group'] ?? ''),
      );
      const verbOk = ['get', 'list', 'watch'].includes(attributes['verb'] ?? '');
      const namespace = attributes['namespace'] === '' ? undefined : attributes['namespace'];
      const allowed =
        resource !== undefined &&
        verbOk &&
        (this.rbac?.reviewsAllowEverything === true || this.allowed(resource, namespace));
      return sendJson(response, 201, {
        ...answer,
        kind: 'SelfSubjectAccessReview',
        status: allowed ? { allowed: true, reason: 'RBAC: allowed by a binding' } : { allowed: false },
      });
    }
    const namespace = typeof spec['namespace'] === 'string' ? spec['namespace'] : '';
    const granted = (Object.keys(RESOURCES) as FakeResource[]).filter(
      (resource) => this.rbac?.reviewsAllowEverything === true || this.allowed(resource, namespace),
    );
    const groups = [...new Set(granted.map((resource) => RESOURCES[resource].group))];
    const resourceRules = [
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
      ...groups.map((group) => ({
        verbs: ['get', 'list', 'watch'],
        apiGroups: [group],
        resources: granted.filter((resource) => RESOURCES[resource].group === group),
      })),
    ];
    return sendJson(response, 201, {
      ...answer,
      kind: 'SelfSubjectRulesReview',
      status: {
        resourceRules: this.rbac?.rulesIncomplete ? resourceRules.slice(0, 1) : resourceRules,
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*'] }],
        incomplete: this.rbac?.rulesIncomplete === true,
        ...(this.rbac?.rulesIncomplete
          ? { evaluationError: 'webhook authorizer does not support user rule resolution' }
          : {}),
      },
    });
  }

  #list(
    resource: FakeResource,
    namespace: string | undefined,
    query: URLSearchParams,
    response: http.ServerResponse,
  ): void {
    const info = RESOURCES[resource];
    const limit = Number(query.get('limit') ?? '0');
    const token = query.get('continue');
    let listVersion = this.resourceVersion;
    let startAfter = '';
    if (token !== null && token !== '') {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        rv: string;
        after: string;
      };
      if (Number(decoded.rv) < this.#compactedAt) {
        return sendStatus(
          response,
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result.',
        );
      }
      listVersion = decoded.rv;
      startAfter = decoded.after;
    }
    // Like etcd, pages are ordered by key and a continue token names the last key returned.
    const objects = this.#objects.get(resource)!;
    let sorted = this.#sortedKeys.get(resource);
    if (sorted === undefined) this.#sortedKeys.set(resource, (sorted = [...objects.keys()].sort()));
    // Keys are `<namespace>/<name>`: one namespace is a contiguous run of them.
    const prefix = namespace === undefined ? '' : `${namespace}/`;
    const from = firstAfter(sorted, startAfter > prefix ? startAfter : prefix);
    const to = namespace === undefined ? sorted.length : firstAfter(sorted, `${namespace}/\uffff`);
    const keys = sorted.slice(from, Math.max(from, to));
    const page = limit > 0 ? keys.slice(0, limit) : keys;
    const more = page.length < keys.length;
    const items = page.map((key) => {
      const { kind: _kind, apiVersion: _apiVersion, ...item } = objects.get(key)!;
      return item;
    });
    const metadata: Json = { resourceVersion: listVersion };
    if (more) {
      metadata['continue'] = Buffer.from(JSON.stringify({ rv: listVersion, after: page.at(-1) })).toString(
        'base64url',
      );
      metadata['remainingItemCount'] = keys.length - page.length;
    }
    sendJson(response, 200, { kind: `${info.kind}List`, apiVersion: info.apiVersion, metadata, items });
    if (!more && namespace === undefined)
      response.on('finish', () =>
        this.#listCompletedAt.set(resource, performance.timeOrigin + performance.now()),
      );
  }

  #watch(
    resource: FakeResource,
    namespace: string | undefined,
    query: URLSearchParams,
    response: http.ServerResponse,
  ): void {
    const inScope = (object: Json) =>
      namespace === undefined || (object['metadata'] as Json | undefined)?.['namespace'] === namespace;
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const from = query.get('resourceVersion');
    if (from !== null) this.#lastWatchFrom.set(resource, from);
    if (from !== null && from !== '' && from !== '0' && Number(from) < this.#compactedAt) {
      // What kube-apiserver sends for a compacted resourceVersion: a 200 stream with one ERROR event.
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${from} (${this.#compactedAt})`,
        reason: 'Expired',
        code: 410,
      };
      response.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
      return;
    }
    if (from === null || from === '' || from === '0') {
      for (const object of this.#objects.get(resource)!.values())
        if (inScope(object)) response.write(JSON.stringify({ type: 'ADDED', object }) + '\n');
    } else {
      for (const change of this.#history) {
        if (change.resource === resource && change.resourceVersion > Number(from) && inScope(change.object)) {
          response.write(JSON.stringify({ type: change.type, object: change.object }) + '\n');
        }
      }
    }
    const watcher: Watcher = {
      resource,
      namespace,
      response,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
    };
    this.#watchers.add(watcher);
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '0');
    const timer = timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000) : undefined;
    response.on('close', () => {
      clearTimeout(timer);
      this.#watchers.delete(watcher);
    });
  }
}

/** The collection a path names, cluster-wide or in one namespace; undefined for any other path. */
function routeOf(pathname: string): { resource: FakeResource; namespace: string | undefined } | undefined {
  for (const name of Object.keys(RESOURCES) as FakeResource[]) {
    const path = RESOURCES[name].path;
    if (pathname === path) return { resource: name, namespace: undefined };
    const base = path.slice(0, path.lastIndexOf('/'));
    const match = new RegExp(`^${base}/namespaces/([a-z0-9-]+)/${name}$`).exec(pathname);
    if (match !== null && name !== 'nodes') return { resource: name, namespace: match[1]! };
  }
  return undefined;
}

/** Index of the first key greater than `after` in sorted `keys` (binary search). */
function firstAfter(keys: readonly string[], after: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keys[middle]! > after) high = middle;
    else low = middle + 1;
  }
  return low;
}

function sendJson(response: http.ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendStatus(response: http.ServerResponse, code: number, reason: string, message: string): void {
  sendJson(response, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
}
