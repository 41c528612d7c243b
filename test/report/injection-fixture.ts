// Hostile text where registries, release feeds and labels put it: a release-note title, tags, a
// compose project and service (from container labels), a namespace, a platform's status reason and
// a check error. Every format must render all of it as inert text.
import type { GraphNode } from '../../internal/graph/types.js';
import type { ReportSource } from '../../internal/report/build-report.js';
import { GraphBuilder, fixedSource, result, type FixtureImage } from './fixture.js';

export const PAYLOADS = [
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '](javascript:alert(1))',
  '| fake | cell |',
  '<img src=http://127.0.0.1:9/x.png onerror=alert(1)>',
] as const;
const ALL = PAYLOADS.join(' ');

const platform = 'docker:evil';
const node = (kind: GraphNode['kind'], name: string): GraphNode =>
  ({
    id: `${platform}/${kind}/${name}`,
    kind,
    platform,
    name,
    endpoint: 'unix:///x',
    role: 'container',
    state: 'running',
  }) as GraphNode;

export const HOSTILE_IMAGES: readonly FixtureImage[] = PAYLOADS.map((payload, index) => ({
  reference: `docker.io/library/app${index}:1.0.0`,
  status: 'done',
  error: payload,
  result: result(payload, 'major', `docker.io/library/app${index}:${payload}`, {
    patch: payload,
    minor: payload,
    major: payload,
  }),
  releaseNotes: [
    { version: payload, title: payload, body: ALL, publishedAt: null, url: 'javascript:alert(1)' },
    {
      version: '2.0.0',
      title: `${payload} notes`,
      body: '',
      publishedAt: null,
      url: `https://example.test/${encodeURIComponent(payload)}`,
    },
  ],
  vulnerabilities: [
    {
      id: payload,
      severity: 'high',
      summary: ALL,
      fixedIn: null,
      source: 'osv',
      updateEffect: 'fixed-by-update',
    },
  ],
  runsOn: new GraphBuilder()
    .chain(
      {
        id: `${platform}/image/${index}`,
        kind: 'image',
        platform,
        name: payload,
        reference: `docker.io/library/app${index}:1.0.0`,
      },
      node('container', `${payload}-${index}`),
      node('compose-service', payload),
      node('compose-project', `${payload} project`),
      node('docker-host', payload),
    )
    .build(),
}));

export function hostileSource(): ReportSource {
  return fixedSource(HOSTILE_IMAGES);
}

export const HOSTILE_PLATFORMS = [
  { id: platform, type: 'docker', status: { state: 'degraded', reason: ALL } as const },
];
