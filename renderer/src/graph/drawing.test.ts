import { describe, expect, it } from 'vitest';
import {
  podAddedPatches,
  podRemovedPatches,
  syntheticGraph,
} from '../../../bench/renderer/synthetic-graph.js';
import { planDrawing, updateDrawing, type DrawingRequest } from './drawing.js';
import { fixtureEdges, fixtureNodes, fixtureUpdates, ids, NGINX } from './graph-fixture.js';
import { GraphState } from './graph-state.js';
import { groupsMatching, matchingNodes } from './search.js';

const { K } = ids;
const ns = `${K}/namespace/web`;
const noFilters = { platforms: new Set<string>(), groups: new Set<string>(), outdatedOnly: false };

function fixtureState(): GraphState {
  const state = new GraphState();
  state.reset({ nodes: fixtureNodes, edges: fixtureEdges });
  return state;
}
const request = (state: GraphState, budget = 1000): DrawingRequest => ({
  model: state,
  updates: fixtureUpdates,
  filters: noFilters,
  focus: new Set(),
  budget,
});

describe('GraphState + updateDrawing: a patch redraws only what it touches', () => {
  it('adds a scaled-up pod and its edges, nothing else', () => {
    const state = fixtureState();
    const before = planDrawing(request(state));
    const pod = {
      id: `${K}/pod/web/api-7f9-c`,
      kind: 'pod',
      platform: K,
      name: 'api-7f9-c',
      namespace: 'web',
      phase: 'Pending',
    } as const;
    const container = {
      id: `${pod.id}/app`,
      kind: 'container',
      platform: K,
      name: 'app',
      role: 'container',
      state: 'waiting',
    } as const;
    const changed = state.apply([
      { op: 'add-node', node: pod },
      { op: 'add-node', node: container },
      { op: 'add-edge', edge: { from: pod.id, to: `${K}/replicaset/web/api-7f9` } },
      { op: 'add-edge', edge: { from: container.id, to: pod.id } },
      { op: 'add-edge', edge: { from: `${K}/image/${NGINX}`, to: container.id } },
    ]);
    expect(changed).toEqual(new Set([ns]));
    const { diff, drawing } = updateDrawing(before, request(state), changed);
    expect(drawing.display).toEqual(planDrawing(request(state)).display);
    expect(diff.addedNodes.map((n) => n.id)).toEqual([pod.id]);
    expect(diff.addedEdges.map((e) => e.id).sort()).toEqual(
      [`${K}/deployment/web/api→${pod.id}`, `${pod.id}→${ns}>${K}/image/${NGINX}`].sort(),
    );
    expect([diff.removedNodes, diff.removedEdges, diff.changedNodes]).toEqual([[], [], []]);
  });

  it('removes a deleted pod and the image only it ran', () => {
    const state = fixtureState();
    const before = planDrawing(request(state));
    const changed = state.apply([
      { op: 'remove-node', id: `${K}/container/web/debug/shell` },
      { op: 'remove-node', id: `${K}/pod/web/debug` },
    ]);
    const { diff, drawing } = updateDrawing(before, request(state), changed);
    expect(drawing.display).toEqual(planDrawing(request(state)).display);
    expect([...diff.removedNodes].sort()).toEqual(
      [`${K}/pod/web/debug`, `${ns}>${K}/image/docker.io/library/busybox:1.36@sha256:cccc`].sort(),
    );
    expect(diff.addedNodes).toEqual([]);
    // The workload no longer shows busybox's patch update: it is recoloured in place, not redrawn.
    expect(diff.changedNodes.map((n) => n.id)).toEqual([]);
  });

  it('recolours an image when its check result arrives', () => {
    const state = fixtureState();
    const before = planDrawing(request(state));
    const updates = new Map(fixtureUpdates).set(NGINX, { kind: 'none', error: null });
    const showing = state.holdersShowing(NGINX);
    expect(showing).toEqual(new Set([ns]));
    const { diff, drawing } = updateDrawing(before, { ...request(state), updates }, showing);
    // The context takes the most urgent colour of what it still shows, from every namespace.
    expect(drawing.display).toEqual(planDrawing({ ...request(state), updates }).display);
    expect(diff.changedNodes.map((n) => `${n.id} ${n.update}`).sort()).toEqual(
      [
        `${K}/deployment/web/api up-to-date`,
        `${K}/pod/web/api-7f9-a up-to-date`,
        `${K}/pod/web/api-7f9-b up-to-date`,
        `${ns}>${K}/image/${NGINX} up-to-date`,
        `${ns} patch`,
        `${K}/kube-context/prod patch`,
      ].sort(),
    );
  });

  it('refuses a patch whose edge names a missing node, so the view redraws from a snapshot', () => {
    const state = fixtureState();
    expect(() => state.apply([{ op: 'add-edge', edge: { from: 'nope', to: `${K}/pod/web/debug` } }])).toThrow(
      /not in the graph/,
    );
  });

  it('keeps the folding a drawing chose while patches arrive, and agrees with a full drawing', () => {
    const graph = syntheticGraph(600);
    const state = new GraphState();
    state.reset(graph);
    const base = {
      model: state,
      updates: graph.updates,
      filters: noFilters,
      focus: new Set<string>(),
      budget: 300,
    };
    const before = planDrawing(base);
    expect(before.reduction.collapsePods).toBe(true);
    const target = graph.replicasets[0]!;
    const grown = updateDrawing(before, base, state.apply(podAddedPatches(target, 'extra-pod')));
    expect(grown.drawing.reduction).toBe(before.reduction);
    // Folded pods: one more pod only changes the workload's count.
    expect(grown.diff.changedNodes.map((n) => n.label)).toEqual(['svc-0-0 · 2 pods']);
    expect(grown.drawing.display).toEqual(planDrawing(base).display);
    const shrunk = updateDrawing(grown.drawing, base, state.apply(podRemovedPatches(target, 'extra-pod')));
    expect(shrunk.diff.changedNodes.map((n) => n.label)).toEqual(['svc-0-0 · 1 pod']);
    expect(shrunk.drawing.display).toEqual(before.display);
  });
});

describe('search', () => {
  it('matches drawn nodes by their whole name, and finds the folded groups that hold a match', () => {
    const state = fixtureState();
    const { display } = planDrawing(request(state));
    expect(matchingNodes(display, ' ENVOY ')).toEqual([
      `${ns}>${K}/image/docker.io/envoyproxy/envoy:v1.30@sha256:bbbb`,
    ]);
    expect(matchingNodes(display, '')).toEqual([]);
    expect(groupsMatching(state.placements, 'api-7f9-b')).toEqual(new Set([ns]));
    expect(groupsMatching(state.placements, 'postgres')).toEqual(new Set([`${ids.D}/compose-project/blog`]));
  });
});
