import { describe, expect, it } from 'vitest';
import { Graph } from '../../../internal/graph/graph.js';
import { displayGraph, filterPlacements, NO_REDUCTION, shortLabel, toCytoscapeElements } from './elements.js';
import {
  ALPINE,
  BUSYBOX,
  ENVOY,
  fixtureEdges,
  fixtureNodes,
  fixtureUpdates,
  ids,
  NGINX,
  REDIS,
} from './graph-fixture.js';
import { placementsOf } from './placements.js';
import type { GraphFilters } from './types.js';

const { K, D, S } = ids;
const placements = placementsOf(Graph.from(fixtureNodes, fixtureEdges));
const all: GraphFilters = { platforms: new Set(), groups: new Set(), outdatedOnly: false };

describe('placementsOf', () => {
  it('finds the pod, the topmost workload, the namespace and the context above a Kubernetes image', () => {
    const nginx = placements.filter((p) => p.image.id === `${K}/image/${NGINX}`);
    expect(nginx.map((p) => p.instance?.name).sort()).toEqual(['api-7f9-a', 'api-7f9-b']);
    expect(
      nginx.every(
        (p) => p.workload?.kind === 'deployment' && p.group?.name === 'web' && p.context.name === 'prod',
      ),
    ).toBe(true);
  });

  it('uses the Docker container as the instance and the compose service as the workload', () => {
    const [postgres] = placements.filter((p) => p.image.platform === D && p.group !== null);
    expect([postgres?.instance?.name, postgres?.workload?.kind, postgres?.group?.kind]).toEqual([
      'blog-db-1',
      'compose-service',
      'compose-project',
    ]);
    const alpine = placements.find((p) => p.image.id === `${D}/image/${ALPINE}`);
    expect([alpine?.group, alpine?.workload, alpine?.instance?.name, alpine?.context.name]).toEqual([
      null,
      null,
      'scratch',
      'laptop',
    ]);
  });

  it('places a static list image straight in its list', () => {
    const redis = placements.find((p) => p.image.id === `${S}/image/${REDIS}`);
    expect([redis?.group, redis?.workload, redis?.instance, redis?.context.kind]).toEqual([
      null,
      null,
      null,
      'static-list',
    ]);
  });

  it('skips an image whose chain never reaches a context', () => {
    const graph = Graph.from(
      [
        { id: 'x/image/a', kind: 'image', platform: 'x', name: 'a' },
        {
          id: 'x/container/c',
          kind: 'container',
          platform: 'x',
          name: 'c',
          role: 'container',
          state: 'running',
        },
      ],
      [{ from: 'x/image/a', to: 'x/container/c' }],
    );
    expect(placementsOf(graph)).toEqual([]);
  });
});

describe('displayGraph', () => {
  const display = displayGraph(placements, fixtureUpdates, NO_REDUCTION);

  it('draws contexts and groups as compounds and workloads, pods and images inside the group', () => {
    const ns = `${K}/namespace/web`;
    expect(display.nodes.get(ns)).toMatchObject({ role: 'group', parent: `${K}/kube-context/prod` });
    expect(display.nodes.get(`${K}/deployment/web/api`)).toMatchObject({
      role: 'workload',
      parent: ns,
      label: 'api',
    });
    expect(display.nodes.get(`${K}/pod/web/api-7f9-a`)).toMatchObject({ role: 'instance', parent: ns });
    expect(display.nodes.get(`${ns}>${K}/image/${NGINX}`)).toMatchObject({
      role: 'image',
      parent: ns,
      label: 'nginx:1.25',
      reference: NGINX,
    });
    // Replicasets and containers are steps on the way, not drawn.
    expect(display.nodes.has(`${K}/replicaset/web/api-7f9`)).toBe(false);
    expect(display.nodes.has(`${K}/container/web/api-7f9-a/app`)).toBe(false);
  });

  it('draws edges from the holder to what it runs: workload → pod → image', () => {
    const ns = `${K}/namespace/web`;
    const edges = [...display.edges.values()].map((e) => `${e.source} → ${e.target}`);
    expect(edges).toContain(`${K}/deployment/web/api → ${K}/pod/web/api-7f9-a`);
    expect(edges).toContain(`${K}/pod/web/api-7f9-b → ${ns}>${K}/image/${NGINX}`);
    expect(edges).toContain(`${K}/pod/web/debug → ${ns}>${K}/image/${BUSYBOX}`);
  });

  it('colours images by their update and workloads by their most urgent image', () => {
    const update = (id: string) => display.nodes.get(id)?.update;
    expect(update(`${K}/namespace/web>${K}/image/${NGINX}`)).toBe('major');
    expect(update(`${D}/compose-project/blog>${D}/image/docker.io/library/postgres:16@sha256:dddd`)).toBe(
      'failed',
    );
    expect(update(`${D}/docker-host/laptop>${D}/image/${ALPINE}`)).toBe('digest');
    expect(update(`${S}/static-list/images>${S}/image/${REDIS}`)).toBe('unknown');
    expect(update(`${K}/deployment/web/api`)).toBe('major');
    expect(update(`${K}/pod/web/debug`)).toBe('patch');
  });

  it('folds pods into their workload and says how many, keeping pods without a workload', () => {
    const folded = displayGraph(placements, fixtureUpdates, {
      collapsePods: true,
      collapsedGroups: new Set(),
    });
    expect(folded.nodes.has(`${K}/pod/web/api-7f9-a`)).toBe(false);
    expect(folded.nodes.get(`${K}/deployment/web/api`)?.label).toBe('api · 2 pods');
    expect(folded.edges.has(`${K}/deployment/web/api→${K}/namespace/web>${K}/image/${NGINX}`)).toBe(true);
    expect(folded.nodes.get(`${K}/pod/web/debug`)?.role).toBe('instance');
  });

  it('folds a group into one node that counts its images and takes the most urgent colour', () => {
    const ns = `${K}/namespace/web`;
    const folded = displayGraph(placements, fixtureUpdates, {
      collapsePods: false,
      collapsedGroups: new Set([ns]),
    });
    expect(folded.nodes.get(ns)).toMatchObject({
      role: 'collapsed-group',
      label: 'web · 3 images',
      update: 'major',
    });
    expect([...folded.nodes.values()].filter((n) => n.parent === ns)).toEqual([]);
  });

  it('shortens long names to 32 characters but keeps the tag, and keeps the whole name for search', () => {
    expect(shortLabel('registry.example.com/platform-team/payments-gateway:2.14.3')).toBe(
      'registry.exa…ents-gateway:2.14.3',
    );
    expect(shortLabel('nginx:1.25')).toBe('nginx:1.25');
    expect(display.nodes.get(`${K}/namespace/web>${K}/image/${ENVOY}`)?.name).toBe('envoyproxy/envoy:v1.30');
  });
});

describe('filterPlacements', () => {
  it('keeps one platform, one namespace, or only outdated images', () => {
    expect(
      new Set(
        filterPlacements(placements, fixtureUpdates, { ...all, platforms: new Set([D]) }).map(
          (p) => p.image.platform,
        ),
      ),
    ).toEqual(new Set([D]));
    const web = filterPlacements(placements, fixtureUpdates, {
      ...all,
      groups: new Set([`${K}/namespace/web`]),
    });
    expect(web).toHaveLength(4);
    const outdated = filterPlacements(placements, fixtureUpdates, { ...all, outdatedOnly: true });
    expect(new Set(outdated.map((p) => p.image.name))).toEqual(
      new Set(['nginx:1.25', 'busybox:1.36', 'alpine:3.20']),
    );
  });
});

describe('toCytoscapeElements', () => {
  it('draws flat: classes for the style, positions given, frames as sized nodes; labels stay data', () => {
    const display = displayGraph(placements, fixtureUpdates, NO_REDUCTION);
    const id = `${K}/namespace/web>${K}/image/${NGINX}`;
    const frame = { x: 0, y: 0, width: 300, height: 100 };
    const elements = toCytoscapeElements(display, {
      positions: new Map([[id, { x: 10, y: 20 }]]),
      frames: new Map([[`${K}/namespace/web`, frame]]),
    });
    const image = elements.find((e) => e.data.id === id);
    expect(image).toMatchObject({ group: 'nodes', classes: 'image major', position: { x: 10, y: 20 } });
    expect(image?.data).toMatchObject({ reference: NGINX, label: 'nginx:1.25' });
    expect(elements.filter((e) => e.group === 'edges')).toHaveLength(display.edges.size);
    expect(elements.every((e) => e.data.parent === undefined)).toBe(true);
    const namespace = elements.find((e) => e.data.id === `${K}/namespace/web`);
    expect(namespace).toMatchObject({ classes: 'group major', position: { x: 150, y: 50 } });
    expect(namespace?.data).toMatchObject({ width: 300, height: 100, label: 'web' });
  });
});
