// A fixed, in-memory ReportSource for report tests: images on two kube contexts, a Docker host with
// compose projects and a static list, in every state (outdated by each kind, up to date, failed,
// never checked), with release notes and vulnerabilities. Times are fixed so output is stable.
import type { GraphEdge, GraphNode } from '../../internal/graph/types.js';
import type { ReportPlatformInput, ReportRequest, ReportSource } from '../../internal/report/build-report.js';
import type { ReportSelection } from '../../internal/report/model.js';
import type { HistoryEntry } from '../../internal/model/history.js';
import type {
  ImageDetails,
  ReleaseNote,
  UpdateKind,
  UpdateResult,
  Vulnerability,
} from '../../internal/model/image.js';

export const GENERATED_AT = Date.UTC(2026, 10, 27, 9, 30);
const CHECKED_AT = Date.UTC(2026, 10, 27, 9, 0);
const digest = (char: string): string => `sha256:${char.repeat(64)}`;

export const PLATFORMS: readonly ReportPlatformInput[] = [
  { id: 'docker:laptop', type: 'docker', status: { state: 'live' } },
  { id: 'kubernetes:kind-dev', type: 'kubernetes', status: { state: 'live' } },
  {
    id: 'kubernetes:prod',
    type: 'kubernetes',
    status: { state: 'degraded', reason: 'cronjobs are forbidden by RBAC' },
  },
  { id: 'static:/etc/cupdate/images.txt', type: 'static', status: { state: 'live' } },
];

export const DEFAULT_SELECTION: ReportSelection = {
  groupBy: 'location',
  onlyOutdated: false,
  bumps: null,
  platforms: null,
};

export function fixedRequest(selection: Partial<ReportSelection> = {}): ReportRequest {
  return {
    selection: { ...DEFAULT_SELECTION, ...selection },
    comparison: { kind: 'none' },
    generatedAt: GENERATED_AT,
    toolVersion: '0.1.0',
    platforms: PLATFORMS,
  };
}

/** Builds the runsOn subgraph of one image: each chain is [image-side … root-side] nodes. */
export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  chain(...nodes: GraphNode[]): this {
    nodes.forEach((node, index) => {
      this.nodes.set(node.id, node);
      const parent = nodes[index + 1];
      if (parent !== undefined && !this.edges.some((e) => e.from === node.id && e.to === parent.id))
        this.edges.push({ from: node.id, to: parent.id });
    });
    return this;
  }
  build(): ImageDetails['runsOn'] {
    return { nodes: [...this.nodes.values()], edges: this.edges };
  }
}

/** A node with the id scheme of internal/graph/types.ts: `<platform>/<kind>/<path>`. */
function node(
  platform: string,
  kind: GraphNode['kind'],
  path: string,
  fields: { readonly name: string; readonly [field: string]: unknown },
): GraphNode {
  return { id: `${platform}/${kind}/${path}`, kind, platform, ...fields } as GraphNode;
}

const running = { role: 'container', state: 'running' } as const;
const imageOn = (platform: string, reference: string): GraphNode =>
  node(platform, 'image', reference, { name: reference, reference });

const kube = (context: string) => {
  const p = `kubernetes:${context}`;
  return {
    image: (reference: string) => imageOn(p, reference),
    container: (ns: string, pod: string, name: string) =>
      node(p, 'container', `${ns}/${pod}/${name}`, { name, ...running }),
    pod: (ns: string, name: string) =>
      node(p, 'pod', `${ns}/${name}`, { name, namespace: ns, phase: 'Running' }),
    workload: (
      kind: 'replicaset' | 'deployment' | 'statefulset' | 'job' | 'cronjob',
      ns: string,
      name: string,
    ) => node(p, kind, `${ns}/${name}`, { name, namespace: ns }),
    namespace: (name: string) => node(p, 'namespace', name, { name }),
    context: () => node(p, 'kube-context', context, { name: context }),
  };
};

const docker = (endpoint: string, host: string) => {
  const p = `docker:${endpoint}`;
  return {
    image: (reference: string) => imageOn(p, reference),
    container: (name: string) => node(p, 'container', name, { name, ...running }),
    service: (project: string, name: string) => node(p, 'compose-service', `${project}/${name}`, { name }),
    project: (name: string) => node(p, 'compose-project', name, { name }),
    host: () => node(p, 'docker-host', host, { name: host, endpoint: 'unix:///var/run/docker.sock' }),
  };
};

const dev = kube('kind-dev');
const prod = kube('prod');
const laptop = docker('laptop', 'laptop');

export interface FixtureImage {
  readonly reference: string;
  readonly status?: ImageDetails['status'];
  readonly error?: string | null;
  readonly result?: UpdateResult | null;
  readonly releaseNotes?: readonly ReleaseNote[];
  readonly vulnerabilities?: readonly Vulnerability[];
  readonly runsOn: ImageDetails['runsOn'];
}

export function result(
  currentTag: string,
  kind: UpdateKind,
  latest: string | null,
  candidates: UpdateResult['candidates'],
): UpdateResult {
  return {
    currentTag,
    currentDigest: digest('c'),
    latestReference: latest,
    latestDigest: latest === null ? null : digest('d'),
    kind,
    candidates,
    explanation: null,
    checkedAt: CHECKED_AT,
  };
}

export function details(image: FixtureImage): ImageDetails {
  const status = image.status ?? 'done';
  const result = image.result ?? null;
  return {
    reference: image.reference,
    status,
    error: image.error ?? null,
    firstSeen: CHECKED_AT - 86_400_000,
    lastSeen: CHECKED_AT,
    lastProcessed: result === null ? null : CHECKED_AT,
    disappearedAt: null,
    tags: [],
    update:
      result === null
        ? null
        : { kind: result.kind, latestReference: result.latestReference, checkedAt: result.checkedAt },
    vulnerabilityCount: image.vulnerabilities?.length ?? 0,
    result,
    description: null,
    links: [],
    releaseNotes: image.releaseNotes ?? [],
    vulnerabilities: image.vulnerabilities ?? [],
    runs: [],
    history: [],
    runsOn: image.runsOn,
  };
}

const NGINX = `docker.io/library/nginx:1.25.3@${digest('a')}`;
const API = `ghcr.io/acme/api:2.3.1@${digest('b')}`;

export const FIXTURE_IMAGES: readonly FixtureImage[] = [
  {
    reference: NGINX,
    result: result('1.25.3', 'minor', 'docker.io/library/nginx:1.27.2', {
      patch: '1.25.5',
      minor: '1.27.2',
      major: null,
    }),
    releaseNotes: [
      {
        version: 'v1.27.2',
        title: 'nginx 1.27.2',
        body: '# not shown',
        publishedAt: Date.UTC(2026, 9, 2),
        url: 'https://nginx.org/en/CHANGES-1.27',
      },
      { version: '1.25.5', title: 'nginx 1.25.5', body: '', publishedAt: null, url: 'javascript:alert(1)' },
    ],
    vulnerabilities: [
      {
        id: 'CVE-2026-0002',
        severity: 'high',
        summary: '',
        fixedIn: '1.27.2',
        source: 'osv',
        updateEffect: 'fixed-by-update',
      },
      {
        id: 'CVE-2026-0001',
        severity: 'critical',
        summary: '',
        fixedIn: '1.27.2',
        source: 'osv',
        updateEffect: 'fixed-by-update',
      },
      {
        id: 'CVE-2025-0009',
        severity: 'low',
        summary: '',
        fixedIn: null,
        source: 'osv',
        updateEffect: 'remaining',
      },
    ],
    runsOn: new GraphBuilder()
      .chain(
        dev.image(NGINX),
        dev.container('web', 'frontend-7d9-a', 'nginx'),
        dev.pod('web', 'frontend-7d9-a'),
        dev.workload('replicaset', 'web', 'frontend-7d9'),
        dev.workload('deployment', 'web', 'frontend'),
        dev.namespace('web'),
        dev.context(),
      )
      .chain(
        dev.image(NGINX),
        dev.container('web', 'frontend-7d9-b', 'nginx'),
        dev.pod('web', 'frontend-7d9-b'),
        dev.workload('replicaset', 'web', 'frontend-7d9'),
      )
      .chain(
        laptop.image(NGINX),
        laptop.container('shop-web-1'),
        laptop.service('shop', 'web'),
        laptop.project('shop'),
        laptop.host(),
      )
      .build(),
  },
  {
    reference: API,
    result: result('2.3.1', 'major', 'ghcr.io/acme/api:3.0.0', {
      patch: '2.3.2',
      minor: '2.4.0',
      major: '3.0.0',
    }),
    releaseNotes: [
      {
        version: '3.0.0',
        title: 'API 3.0 – breaking changes',
        body: '',
        publishedAt: Date.UTC(2026, 10, 20),
        url: 'https://github.com/acme/api/releases/tag/3.0.0',
      },
    ],
    runsOn: new GraphBuilder()
      .chain(
        dev.image(API),
        dev.container('api', 'api-0', 'api'),
        dev.pod('api', 'api-0'),
        dev.workload('statefulset', 'api', 'api'),
        dev.namespace('api'),
        dev.context(),
      )
      .build(),
  },
  {
    reference: 'docker.io/library/redis:7.2.4',
    result: result('7.2.4', 'none', null, { patch: null, minor: null, major: null }),
    runsOn: new GraphBuilder()
      .chain(laptop.image('docker.io/library/redis:7.2.4'), laptop.container('redis'), laptop.host())
      .build(),
  },
  {
    reference: 'docker.io/library/nginx:1.24.0',
    result: result('1.24.0', 'digest', 'docker.io/library/nginx:1.24.0', {
      patch: null,
      minor: null,
      major: null,
    }),
    runsOn: new GraphBuilder()
      .chain(
        laptop.image('docker.io/library/nginx:1.24.0'),
        laptop.container('legacy-web-1'),
        laptop.service('legacy', 'web'),
        laptop.project('legacy'),
        laptop.host(),
      )
      .build(),
  },
  {
    reference: 'quay.io/acme/worker:0.9.0',
    status: 'failed',
    error: 'quay.io answered 401 Unauthorized; add credentials for quay.io in the settings',
    runsOn: new GraphBuilder()
      .chain(
        prod.image('quay.io/acme/worker:0.9.0'),
        prod.container('jobs', 'nightly-29-x', 'worker'),
        prod.pod('jobs', 'nightly-29-x'),
        prod.workload('job', 'jobs', 'nightly-29'),
        prod.workload('cronjob', 'jobs', 'nightly'),
        prod.namespace('jobs'),
        prod.context(),
      )
      .build(),
  },
  {
    reference: 'docker.io/library/postgres:16.1',
    status: 'pending',
    runsOn: {
      nodes: [
        {
          id: 'static:/etc/cupdate/images.txt/image/postgres',
          kind: 'image',
          platform: 'static:/etc/cupdate/images.txt',
          name: 'postgres:16.1',
          reference: 'docker.io/library/postgres:16.1',
        },
        {
          id: 'static:/etc/cupdate/images.txt/static-list',
          kind: 'static-list',
          platform: 'static:/etc/cupdate/images.txt',
          name: 'images.txt',
          path: '/etc/cupdate/images.txt',
        },
      ],
      edges: [
        {
          from: 'static:/etc/cupdate/images.txt/image/postgres',
          to: 'static:/etc/cupdate/images.txt/static-list',
        },
      ],
    },
  },
];

/** A ReportSource over fixed images and history, paging like the store (sorted by reference). */
export function fixedSource(
  images: readonly FixtureImage[] = FIXTURE_IMAGES,
  history: readonly HistoryEntry[] = [],
): ReportSource {
  const all = images.map(details).sort((a, b) => (a.reference < b.reference ? -1 : 1));
  return {
    listImages: (query) => ({
      total: all.length,
      items: all.slice(query.offset, query.offset + query.limit),
    }),
    getImage: (reference) => all.find((image) => image.reference === reference),
    history: (query) => history.filter((entry) => entry.at >= (query.since ?? 0)).slice(0, query.limit),
  };
}
