// A small graph with every shape the view draws, for the unit tests: a kube context with a
// deployment of two pods (one with a sidecar) and a bare pod, a Docker host with a compose project
// and a lone container, and a static list. Ids are built the way the platforms build them.
import type { GraphEdge, GraphNode } from '../../../internal/graph/types.js';
import type { ImageUpdateState } from './types.js';

const K = 'kubernetes:prod';
const D = 'docker:local';
const S = 'static:/etc/images.txt';

export const NGINX = 'docker.io/library/nginx:1.25@sha256:aaaa';
export const ENVOY = 'docker.io/envoyproxy/envoy:v1.30@sha256:bbbb';
export const BUSYBOX = 'docker.io/library/busybox:1.36@sha256:cccc';
export const POSTGRES = 'docker.io/library/postgres:16@sha256:dddd';
export const ALPINE = 'docker.io/library/alpine:3.20@sha256:eeee';
export const REDIS = 'docker.io/library/redis:7';

export const fixtureNodes: GraphNode[] = [
  { id: `${K}/kube-context/prod`, kind: 'kube-context', platform: K, name: 'prod' },
  { id: `${K}/namespace/web`, kind: 'namespace', platform: K, name: 'web' },
  { id: `${K}/deployment/web/api`, kind: 'deployment', platform: K, name: 'api', namespace: 'web' },
  { id: `${K}/replicaset/web/api-7f9`, kind: 'replicaset', platform: K, name: 'api-7f9', namespace: 'web' },
  {
    id: `${K}/pod/web/api-7f9-a`,
    kind: 'pod',
    platform: K,
    name: 'api-7f9-a',
    namespace: 'web',
    phase: 'Running',
  },
  {
    id: `${K}/pod/web/api-7f9-b`,
    kind: 'pod',
    platform: K,
    name: 'api-7f9-b',
    namespace: 'web',
    phase: 'Running',
  },
  { id: `${K}/pod/web/debug`, kind: 'pod', platform: K, name: 'debug', namespace: 'web', phase: 'Running' },
  {
    id: `${K}/container/web/api-7f9-a/app`,
    kind: 'container',
    platform: K,
    name: 'app',
    role: 'container',
    state: 'running',
  },
  {
    id: `${K}/container/web/api-7f9-a/envoy`,
    kind: 'container',
    platform: K,
    name: 'envoy',
    role: 'container',
    state: 'running',
  },
  {
    id: `${K}/container/web/api-7f9-b/app`,
    kind: 'container',
    platform: K,
    name: 'app',
    role: 'container',
    state: 'running',
  },
  {
    id: `${K}/container/web/debug/shell`,
    kind: 'container',
    platform: K,
    name: 'shell',
    role: 'container',
    state: 'running',
  },
  { id: `${K}/image/${NGINX}`, kind: 'image', platform: K, name: 'nginx:1.25', reference: NGINX },
  { id: `${K}/image/${ENVOY}`, kind: 'image', platform: K, name: 'envoyproxy/envoy:v1.30', reference: ENVOY },
  { id: `${K}/image/${BUSYBOX}`, kind: 'image', platform: K, name: 'busybox:1.36', reference: BUSYBOX },
  {
    id: `${D}/docker-host/laptop`,
    kind: 'docker-host',
    platform: D,
    name: 'laptop',
    endpoint: 'unix:///var/run/docker.sock',
  },
  { id: `${D}/compose-project/blog`, kind: 'compose-project', platform: D, name: 'blog' },
  { id: `${D}/compose-service/blog/db`, kind: 'compose-service', platform: D, name: 'db' },
  {
    id: `${D}/container/c1`,
    kind: 'container',
    platform: D,
    name: 'blog-db-1',
    role: 'container',
    state: 'running',
  },
  {
    id: `${D}/container/c2`,
    kind: 'container',
    platform: D,
    name: 'scratch',
    role: 'container',
    state: 'running',
  },
  { id: `${D}/image/${POSTGRES}`, kind: 'image', platform: D, name: 'postgres:16', reference: POSTGRES },
  { id: `${D}/image/${ALPINE}`, kind: 'image', platform: D, name: 'alpine:3.20', reference: ALPINE },
  {
    id: `${S}/static-list/images`,
    kind: 'static-list',
    platform: S,
    name: 'images.txt',
    path: '/etc/images.txt',
  },
  { id: `${S}/image/${REDIS}`, kind: 'image', platform: S, name: 'redis:7', reference: REDIS },
];

const edge = (from: string, to: string): GraphEdge => ({ from, to });

export const fixtureEdges: GraphEdge[] = [
  edge(`${K}/namespace/web`, `${K}/kube-context/prod`),
  edge(`${K}/deployment/web/api`, `${K}/namespace/web`),
  edge(`${K}/replicaset/web/api-7f9`, `${K}/deployment/web/api`),
  edge(`${K}/pod/web/api-7f9-a`, `${K}/replicaset/web/api-7f9`),
  edge(`${K}/pod/web/api-7f9-b`, `${K}/replicaset/web/api-7f9`),
  edge(`${K}/pod/web/debug`, `${K}/namespace/web`),
  edge(`${K}/container/web/api-7f9-a/app`, `${K}/pod/web/api-7f9-a`),
  edge(`${K}/container/web/api-7f9-a/envoy`, `${K}/pod/web/api-7f9-a`),
  edge(`${K}/container/web/api-7f9-b/app`, `${K}/pod/web/api-7f9-b`),
  edge(`${K}/container/web/debug/shell`, `${K}/pod/web/debug`),
  edge(`${K}/image/${NGINX}`, `${K}/container/web/api-7f9-a/app`),
  edge(`${K}/image/${NGINX}`, `${K}/container/web/api-7f9-b/app`),
  edge(`${K}/image/${ENVOY}`, `${K}/container/web/api-7f9-a/envoy`),
  edge(`${K}/image/${BUSYBOX}`, `${K}/container/web/debug/shell`),
  edge(`${D}/compose-project/blog`, `${D}/docker-host/laptop`),
  edge(`${D}/compose-service/blog/db`, `${D}/compose-project/blog`),
  edge(`${D}/container/c1`, `${D}/compose-service/blog/db`),
  edge(`${D}/container/c2`, `${D}/docker-host/laptop`),
  edge(`${D}/image/${POSTGRES}`, `${D}/container/c1`),
  edge(`${D}/image/${ALPINE}`, `${D}/container/c2`),
  edge(`${S}/image/${REDIS}`, `${S}/static-list/images`),
];

export const fixtureUpdates = new Map<string, ImageUpdateState>([
  [NGINX, { kind: 'major', error: null }],
  [ENVOY, { kind: 'none', error: null }],
  [BUSYBOX, { kind: 'patch', error: null }],
  [POSTGRES, { kind: null, error: 'registry answered 401' }],
  [ALPINE, { kind: 'digest', error: null }],
]);

export const ids = { K, D, S };
