import { describe, expect, it } from 'vitest';
import { fixtureEdges, fixtureNodes, ids, NGINX } from './graph-fixture.js';
import { GraphState } from './graph-state.js';

const { K, D } = ids;

function fixtureState(): GraphState {
  const state = new GraphState();
  state.reset({ nodes: fixtureNodes, edges: fixtureEdges });
  return state;
}

describe('GraphState: the holders a patch or a check changes', () => {
  it('finds the holders that show an image, and forgets an image that stopped running', () => {
    const state = fixtureState();
    expect(state.holdersShowing(NGINX)).toEqual(new Set([`${K}/namespace/web`]));
    const changed = state.apply([
      { op: 'remove-node', id: `${K}/pod/web/api-7f9-a` },
      { op: 'remove-node', id: `${K}/pod/web/api-7f9-b` },
    ]);
    expect(changed).toEqual(new Set([`${K}/namespace/web`]));
    expect(state.holdersShowing(NGINX)).toEqual(new Set());
    expect(state.holdersShowing('docker.io/library/never-ran:1')).toEqual(new Set());
  });

  it('indexes an image that starts running in another holder, and one that gets its reference later', () => {
    const state = fixtureState();
    const bare = `${D}/image/sha256:0123`;
    state.apply([
      { op: 'add-node', node: { id: bare, kind: 'image', platform: D, name: 'sha256:0123' } },
      { op: 'add-edge', edge: { from: bare, to: `${D}/container/c2` } },
      { op: 'add-edge', edge: { from: `${K}/image/${NGINX}`, to: `${D}/container/c2` } },
    ]);
    expect(state.holdersShowing(NGINX)).toEqual(new Set([`${K}/namespace/web`, `${D}/docker-host/laptop`]));
    expect(state.holdersShowing('sha256:0123')).toEqual(new Set()); // no reference: nothing to look up
    const later = 'docker.io/library/tool:1@sha256:0123';
    const changed = state.apply([
      { op: 'update-node', node: { id: bare, kind: 'image', platform: D, name: 'tool:1', reference: later } },
    ]);
    expect(changed).toEqual(new Set([`${D}/docker-host/laptop`]));
    expect(state.holdersShowing(later)).toEqual(new Set([`${D}/docker-host/laptop`]));
  });
});
