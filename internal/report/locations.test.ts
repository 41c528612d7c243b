import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import { locationsOf } from './locations.js';

const p = 'kubernetes:dev';
const n = (kind: GraphNode['kind'], name: string, extra: object = {}): GraphNode =>
  ({ id: `${p}/${kind}/${name}`, kind, platform: p, name, ...extra }) as GraphNode;
const e = (from: GraphNode, to: GraphNode): GraphEdge => ({ from: from.id, to: to.id });

describe('locationsOf', () => {
  it('names a kube location by context, namespace and the outermost workload, collapsing replicas', () => {
    const image = n('image', 'nginx', { reference: 'docker.io/library/nginx:1' });
    const [c1, c2] = [n('container', 'a/nginx'), n('container', 'b/nginx')];
    const [pod1, pod2] = [n('pod', 'a', { namespace: 'web' }), n('pod', 'b', { namespace: 'web' })];
    const rs = n('replicaset', 'front-1', { namespace: 'web' });
    const deploy = n('deployment', 'front', { namespace: 'web' });
    const ns = n('namespace', 'web');
    const ctx = n('kube-context', 'dev');
    const bare = n('pod', 'debug', { namespace: 'web' });
    const c3 = n('container', 'debug/sh');
    const locations = locationsOf({
      nodes: [image, c1, c2, pod1, pod2, rs, deploy, ns, ctx, bare, c3],
      edges: [
        e(image, c1),
        e(image, c2),
        e(c1, pod1),
        e(c2, pod2),
        e(pod1, rs),
        e(pod2, rs),
        e(rs, deploy),
        e(deploy, ns),
        e(ns, ctx),
        e(image, c3),
        e(c3, bare),
        e(bare, ns),
      ],
    });
    expect(locations).toEqual([
      { platform: p, scope: ['dev', 'web'], workload: 'deployment/front' },
      { platform: p, scope: ['dev', 'web'], workload: 'pod/debug' },
    ]);
  });

  it('names a Docker location by host and compose project, or host and container', () => {
    const d = 'docker:local';
    const node = (kind: GraphNode['kind'], name: string): GraphNode =>
      ({ id: `${d}/${kind}/${name}`, kind, platform: d, name }) as GraphNode;
    const [image, web, lone, service, project, host] = [
      node('image', 'i'),
      node('container', 'shop-web-1'),
      node('container', 'redis'),
      node('compose-service', 'web'),
      node('compose-project', 'shop'),
      node('docker-host', 'laptop'),
    ];
    expect(
      locationsOf({
        nodes: [image, web, lone, service, project, host],
        edges: [
          e(image, web),
          e(web, service),
          e(service, project),
          e(project, host),
          e(image, lone),
          e(lone, host),
        ],
      }),
    ).toEqual([
      { platform: d, scope: ['laptop'], workload: 'container/redis' },
      { platform: d, scope: ['laptop', 'shop'], workload: 'compose-service/web' },
    ]);
  });

  it('survives a cycle and an image nothing holds, and names a root that is no known place', () => {
    const image = n('image', 'x');
    const [a, b] = [n('container', 'a'), n('pod', 'b', { namespace: 'n' })];
    expect(locationsOf({ nodes: [image, a, b], edges: [e(image, a), e(a, b), e(b, a)] })).toEqual([
      { platform: p, scope: ['b'], workload: 'pod/b' },
    ]);
    expect(locationsOf({ nodes: [image], edges: [] })).toEqual([]);
  });
});
