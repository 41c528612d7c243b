// Realistic answers for the fake bridge: component tests and the screenshot demo use the same data.
import type {
  Discovery,
  DockerEndpointView,
  ImageRule,
  Settings,
  TagVerdict,
} from '../../../internal/api/contract.js';
import type { GraphEdge, GraphNode } from '../../../internal/graph/types.js';
import type { ImageDetails, ImageListItem, UpdateKind } from '../../../internal/model/image.js';
import type { ImagePage, ListImagesQuery } from '../../../internal/model/image-query.js';
import { compareText } from '../../../internal/model/compare-text.js';
import type { Json } from '../../../internal/model/json.js';
import type { StoreSummary } from '../../../internal/model/summary.js';
import type { FakeHandlers } from './fake-bridge.js';

// Relative to now, so "checked 2 minutes ago" reads right whenever the demo runs.
const NOW = Date.now();
const KINDS: readonly UpdateKind[] = ['major', 'minor', 'patch', 'digest', 'none', 'none', 'none'];
const NAMES = [
  'nginx',
  'postgres',
  'redis',
  'grafana/grafana',
  'prom/prometheus',
  'traefik',
  'bitnami/kafka',
];
const RANK: Record<UpdateKind, number> = { major: 5, minor: 4, patch: 3, digest: 2, none: 1 };

/** `count` images with a spread of update kinds, tags and vulnerabilities. */
export function imageItems(count: number): ImageListItem[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] ?? 'none';
    const name = NAMES[i % NAMES.length] ?? 'app';
    const repository = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
    const reference = `${repository}-${String(i).padStart(5, '0')}:1.${i % 30}.${i % 7}`;
    const failed = i % 53 === 0;
    return {
      reference,
      status: failed ? 'failed' : 'done',
      error: failed
        ? `registry-1.docker.io answered 429 Too Many Requests for ${repository}: retry later`
        : null,
      firstSeen: NOW - 86_400_000 * 30,
      lastSeen: NOW,
      lastProcessed: NOW - 60_000 * (i % 90),
      disappearedAt: null,
      tags: [
        ...(kind === 'none' ? ['up-to-date'] : ['outdated', `bump:${kind}`]),
        `namespace:${['shop', 'monitoring', 'data'][i % 3]}`,
      ],
      update: {
        kind,
        latestReference: kind === 'none' ? null : `${repository}:${kind === 'major' ? '2.0.0' : '1.31.2'}`,
        checkedAt: NOW,
      },
      vulnerabilityCount: i % 11 === 0 ? (i % 5) + 1 : 0,
    };
  });
}

/** The store's listImages over `items`: words as prefixes, tag filters, sort and paging. */
export function listImages(items: readonly ImageListItem[], query: ListImagesQuery): ImagePage {
  const words = (query.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const { all = [], any = [], none = [] } = query.tags ?? {};
  const matching = items.filter(
    (item) =>
      words.every((word) =>
        item.reference
          .toLowerCase()
          .split(/[/:.@-]/)
          .some((part) => part.startsWith(word)),
      ) &&
      all.every((tag) => item.tags.includes(tag)) &&
      (any.length === 0 || any.some((tag) => item.tags.includes(tag))) &&
      !none.some((tag) => item.tags.includes(tag)),
  );
  const byName = (a: ImageListItem, b: ImageListItem): number => compareText(a.reference, b.reference);
  const rank = (item: ImageListItem): number => (item.update === null ? 0 : RANK[item.update.kind]);
  const sorted = [...matching].sort(
    query.sort === 'name' ? byName : (a, b) => rank(a) - rank(b) || byName(a, b),
  );
  if (query.order === 'desc') sorted.reverse();
  return { total: sorted.length, items: sorted.slice(query.offset, query.offset + query.limit) };
}

export const summary: StoreSummary = {
  total: 1284,
  outdated: { major: 37, minor: 112, patch: 208, digest: 64 },
  upToDate: 823,
  vulnerable: 41,
  failed: 9,
  processing: 2,
  pending: 29,
};

const explanation: TagVerdict[] = [
  { tag: '1.27.3', kept: true, bump: 'minor' },
  { tag: '1.25.5', kept: true, bump: 'patch' },
  { tag: '1.25.4', kept: true, bump: 'patch' },
  { tag: '1.25.3', kept: false, reason: 'same', detail: 'the running version' },
  { tag: '1.24.0', kept: false, reason: 'older', detail: '1.24.0 < 1.25.3' },
  { tag: '1.27.3-alpine', kept: false, reason: 'suffix-differs', detail: '"alpine" vs no suffix' },
  { tag: '1.27', kept: false, reason: 'precision-differs', detail: '2 parts vs 3' },
  { tag: '1.28.0-rc.1', kept: false, reason: 'prerelease', detail: '' },
  { tag: 'mainline', kept: false, reason: 'invalid', detail: '' },
  { tag: 'latest', kept: false, reason: 'invalid', detail: '' },
];

const P = 'kubernetes:prod-eu';
const runsOnNodes: GraphNode[] = [
  { id: `${P}/kube-context`, kind: 'kube-context', platform: P, name: 'prod-eu' },
  { id: `${P}/namespace/shop`, kind: 'namespace', platform: P, name: 'shop' },
  { id: `${P}/deployment/shop/web`, kind: 'deployment', platform: P, name: 'web', namespace: 'shop' },
  {
    id: `${P}/replicaset/shop/web-7f9c`,
    kind: 'replicaset',
    platform: P,
    name: 'web-7f9c',
    namespace: 'shop',
  },
  {
    id: `${P}/pod/shop/web-7f9c-a`,
    kind: 'pod',
    platform: P,
    name: 'web-7f9c-a',
    namespace: 'shop',
    phase: 'Running',
  },
  {
    id: `${P}/pod/shop/web-7f9c-b`,
    kind: 'pod',
    platform: P,
    name: 'web-7f9c-b',
    namespace: 'shop',
    phase: 'Running',
  },
  {
    id: `${P}/container/shop/web-7f9c-a/nginx`,
    kind: 'container',
    platform: P,
    name: 'nginx',
    role: 'container',
    state: 'running',
  },
  {
    id: `${P}/container/shop/web-7f9c-b/nginx`,
    kind: 'container',
    platform: P,
    name: 'nginx',
    role: 'container',
    state: 'running',
  },
  {
    id: `${P}/image/nginx`,
    kind: 'image',
    platform: P,
    name: 'nginx:1.25.3',
    reference: 'docker.io/library/nginx:1.25.3',
  },
];
const runsOnEdges: GraphEdge[] = [
  { from: `${P}/namespace/shop`, to: `${P}/kube-context` },
  { from: `${P}/deployment/shop/web`, to: `${P}/namespace/shop` },
  { from: `${P}/replicaset/shop/web-7f9c`, to: `${P}/deployment/shop/web` },
  { from: `${P}/pod/shop/web-7f9c-a`, to: `${P}/replicaset/shop/web-7f9c` },
  { from: `${P}/pod/shop/web-7f9c-b`, to: `${P}/replicaset/shop/web-7f9c` },
  { from: `${P}/container/shop/web-7f9c-a/nginx`, to: `${P}/pod/shop/web-7f9c-a` },
  { from: `${P}/container/shop/web-7f9c-b/nginx`, to: `${P}/pod/shop/web-7f9c-b` },
  { from: `${P}/image/nginx`, to: `${P}/container/shop/web-7f9c-a/nginx` },
  { from: `${P}/image/nginx`, to: `${P}/container/shop/web-7f9c-b/nginx` },
];

function step(
  id: string,
  name: string,
  durationMs: number,
  extra: { readonly [key: string]: Json } = {},
): Json {
  return {
    id,
    name,
    status: 'succeeded',
    reason: null,
    attempts: 1,
    startedAt: '2026-11-27T08:59:58.000Z',
    durationMs,
    error: null,
    logs: [],
    logsDropped: 0,
    post: null,
    ...extra,
  };
}

export const nginx: ImageDetails = {
  reference: 'docker.io/library/nginx:1.25.3',
  status: 'done',
  error: null,
  firstSeen: NOW - 86_400_000 * 40,
  lastSeen: NOW,
  lastProcessed: NOW - 120_000,
  disappearedAt: null,
  tags: ['outdated', 'bump:minor', 'namespace:shop'],
  update: { kind: 'minor', latestReference: 'docker.io/library/nginx:1.27.3', checkedAt: NOW - 120_000 },
  vulnerabilityCount: 2,
  result: {
    currentTag: '1.25.3',
    currentDigest: 'sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac',
    latestReference: 'docker.io/library/nginx:1.27.3',
    latestDigest: 'sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
    kind: 'minor',
    candidates: { patch: '1.25.5', minor: '1.27.3', major: null },
    explanation,
    checkedAt: NOW - 120_000,
  },
  description: {
    format: 'markdown',
    body: 'Official build of **Nginx**, a high-performance HTTP server and reverse proxy. <script>alert(1)</script>',
    source: 'docker-hub',
  },
  links: [
    { type: 'source', url: 'https://github.com/nginxinc/docker-nginx' },
    { type: 'homepage', url: 'https://nginx.org' },
    { type: 'issues', url: 'javascript:alert(1)' },
  ],
  releaseNotes: [
    {
      version: '1.27.3',
      title: 'nginx 1.27.3',
      body: '### Changes\n\n- *Feature*: the `server` directive in the `upstream` block supports the `resolve` parameter.\n- *Bugfix*: a segmentation fault might occur in a worker process if SSI was used. [Details](https://nginx.org/en/CHANGES)\n\n<img src="https://tracker.example/pixel.gif" onerror="alert(1)">',
      publishedAt: NOW - 86_400_000 * 12,
      url: 'https://nginx.org/en/CHANGES',
    },
    {
      version: '1.26.0',
      title: 'nginx 1.26.0 stable',
      body: '- 1.25.x mainline branch becomes stable.\n- [Run this](javascript:alert(2)) is not a link here.',
      publishedAt: NOW - 86_400_000 * 200,
      url: null,
    },
  ],
  vulnerabilities: [
    {
      id: 'CVE-2024-7347',
      severity: 'medium',
      summary: 'ngx_http_mp4_module may read past a buffer end.',
      fixedIn: '1.27.1',
      source: 'osv',
    },
    {
      id: 'CVE-2025-23419',
      severity: 'high',
      summary: 'TLS session resumption can bypass client certificate checks.',
      fixedIn: '1.27.4',
      source: 'osv',
    },
  ],
  runs: [
    {
      status: 'succeeded',
      startedAt: NOW - 120_000,
      durationMs: 1840,
      record: {
        formatVersion: 1,
        workflow: 'process-image',
        inputs: {},
        status: 'succeeded',
        startedAt: '2026-11-27T08:59:58.000Z',
        durationMs: 1840,
        jobs: [
          {
            id: 'oci',
            name: 'Registry',
            status: 'succeeded',
            reason: null,
            error: null,
            outputs: {},
            startedAt: null,
            durationMs: 1210,
            steps: [
              step('parse', 'Parse the reference', 1),
              step('tags', 'List tags', 640, { attempts: 2 }),
              step('check', 'Decide the update', 3),
              step('manifest', 'Fetch the latest manifest', 420),
              step('summarize', 'Summarize the result', 1),
            ],
          },
          {
            id: 'enrich',
            name: 'Enrich',
            status: 'succeeded',
            reason: null,
            error: null,
            outputs: {},
            startedAt: null,
            durationMs: 610,
            steps: [
              step('docker-hub', 'Docker Hub description', 230),
              step('github', 'GitHub release notes', 580),
              step('osv', 'Vulnerabilities (OSV)', 310),
            ],
          },
          {
            id: 'attest',
            name: 'Attestations',
            status: 'skipped',
            reason: 'if condition is false',
            error: null,
            outputs: {},
            startedAt: null,
            durationMs: 0,
            steps: [
              step('provenance', 'Provenance', 0, { status: 'skipped', attempts: 0, reason: 'job skipped' }),
            ],
          },
        ],
      },
    },
  ],
  history: [],
  runsOn: { nodes: runsOnNodes, edges: runsOnEdges },
};

/** A Docker endpoint as discovery reports it; found sockets are there, the others are not. */
function endpoint(
  id: string,
  name: string,
  host: string,
  found: Partial<DockerEndpointView> = {},
): DockerEndpointView {
  return {
    id,
    name,
    source: id,
    host,
    exists: false,
    isDefault: false,
    connected: false,
    platformId: `docker:${name}`,
    ...found,
  };
}

const systemSocket = 'unix:///var/run/docker.sock';
const rootlessSocket = 'unix:///run/user/1000/docker.sock';

export const discovery: Discovery = {
  dockerEndpoints: [
    endpoint('system', 'local', systemSocket, { exists: true, isDefault: true, connected: true }),
    endpoint('context:build-box', 'build-box', 'tcp://build-box.lan:2376', { exists: true }),
    endpoint('rootless', 'rootless', rootlessSocket),
    endpoint('podman', 'podman', 'unix:///run/user/1000/podman/podman.sock', { exists: true }),
  ],
  kubeContexts: [
    {
      name: 'prod-eu',
      cluster: 'prod-eu',
      server: 'https://10.0.0.1:6443',
      namespace: 'shop',
      current: true,
      error: null,
      watched: true,
      addedNamespaces: [],
      platformId: 'kubernetes:prod-eu',
    },
    {
      name: 'staging',
      cluster: 'staging',
      server: 'https://staging.k8s.lan:6443',
      namespace: null,
      current: false,
      error: null,
      watched: true,
      addedNamespaces: [],
      platformId: 'kubernetes:staging',
    },
    {
      name: 'kind-dev',
      cluster: 'kind-dev',
      server: 'https://127.0.0.1:41235',
      namespace: null,
      current: false,
      error: null,
      watched: false,
      addedNamespaces: [],
      platformId: 'kubernetes:kind-dev',
    },
    {
      name: 'old-lab',
      cluster: null,
      server: null,
      namespace: null,
      current: false,
      error: 'user "lab-admin" is not defined in any kubeconfig file: add it or remove the context',
      watched: false,
      addedNamespaces: [],
      platformId: 'kubernetes:old-lab',
    },
  ],
  kubeconfigFiles: [
    { path: '/home/me/.kube/config', error: null },
    { path: '/home/me/work/lab.yaml', error: 'ENOENT: no such file: remove it from KUBECONFIG or create it' },
  ],
  staticLists: [],
};

/** A first run: every usual socket looked for, none there, no kubeconfig. */
export const emptyDiscovery: Discovery = {
  dockerEndpoints: [
    endpoint('system', 'local', systemSocket, { isDefault: true }),
    endpoint('rootless', 'rootless', rootlessSocket),
    endpoint('docker-desktop', 'desktop', 'unix:///home/me/.docker/desktop/docker.sock'),
  ],
  kubeContexts: [],
  kubeconfigFiles: [],
  staticLists: [],
};

export const settings: Settings = {
  recheckIntervalMinutes: 360,
  notifications: true,
  githubTokenSet: true,
  registryCredentials: [{ registry: 'registry.gitlab.com', username: 'deploy-bot' }],
};

export const rules: ImageRule[] = [
  { pattern: 'docker.io/library/postgres', stayOnCurrentMajor: true },
  { pattern: 'ghcr.io/acme/*', exclude: ['-rc', 'nightly'] },
];

/** Handlers for a populated installation: `count` images, nginx in detail. */
export function populatedHandlers(count: number): FakeHandlers {
  const items = imageItems(count);
  return {
    summary: () => summary,
    recentUpdates: ({ limit }) =>
      items
        .filter((item) => item.update !== null && item.update.kind !== 'none')
        .slice(0, limit)
        .map(({ reference, update, lastProcessed }) => ({
          reference,
          at: lastProcessed ?? NOW,
          kind: update?.kind ?? null,
          latestReference: update?.latestReference ?? null,
        })),
    listImages: (query) => listImages(items, query),
    getImage: ({ reference }) => (reference === nginx.reference ? nginx : null),
    checkNow: () => ({ queued: true }),
    discovery: () => discovery,
    selectPlatforms: () => ({ platforms: [] }),
    getSettings: () => settings,
    changeSettings: () => settings,
    listRules: () => rules,
    setRule: (rule) => [...rules, rule],
    deleteRule: ({ pattern }) => rules.filter((r) => r.pattern !== pattern),
  };
}
