import { describe, expect, it } from 'vitest';
import { Graph } from '../../../internal/graph/graph.js';
import { displayGraph, NO_REDUCTION } from './elements.js';
import { fixtureEdges, fixtureNodes, fixtureUpdates, ids, NGINX } from './graph-fixture.js';
import { COLUMN, grownFrame, layoutGraph, nodeBox, placeNear, ROW } from './layout.js';
import { placementsOf } from './placements.js';

const { K } = ids;
const display = displayGraph(
  placementsOf(Graph.from(fixtureNodes, fixtureEdges)),
  fixtureUpdates,
  NO_REDUCTION,
);
const layout = layoutGraph(display);
const { positions, frames } = layout;
const at = (id: string) => positions.get(id) ?? { x: NaN, y: NaN };
const ns = `${K}/namespace/web`;

describe('layoutGraph', () => {
  it('places every drawn leaf, and frames every compound around its content', () => {
    for (const node of display.nodes.values()) {
      const compound = [...display.nodes.values()].some((other) => other.parent === node.id);
      expect(positions.has(node.id), node.id).toBe(!compound);
      expect(frames.has(node.id), node.id).toBe(compound);
    }
    const inside = (outer: { x: number; y: number; width: number; height: number }, inner: typeof outer) =>
      inner.x >= outer.x &&
      inner.y >= outer.y &&
      inner.x + inner.width <= outer.x + outer.width &&
      inner.y + inner.height <= outer.y + outer.height;
    for (const node of display.nodes.values()) {
      if (node.parent === null) continue;
      const box = frames.get(node.id) ?? nodeBox(positions.get(node.id)!);
      expect(inside(frames.get(node.parent)!, box), node.id).toBe(true);
    }
  });

  it('keeps sibling frames apart', () => {
    const all = [...frames.entries()];
    for (const [a, f] of all) {
      for (const [b, g] of all) {
        if (a === b || display.nodes.get(a)?.parent !== display.nodes.get(b)?.parent) continue;
        const apart =
          f.x + f.width <= g.x || g.x + g.width <= f.x || f.y + f.height <= g.y || g.y + g.height <= f.y;
        expect(apart, `${a} / ${b}`).toBe(true);
      }
    }
  });

  it('puts workload, pod and image in successive columns, left to right', () => {
    const workload = at(`${K}/deployment/web/api`);
    const pod = at(`${K}/pod/web/api-7f9-a`);
    const image = at(`${ns}>${K}/image/${NGINX}`);
    expect(pod.x - workload.x).toBe(COLUMN);
    expect(image.x - pod.x).toBe(COLUMN);
  });

  it('centres a parent on its children and never stacks two nodes on one spot', () => {
    const pods = [at(`${K}/pod/web/api-7f9-a`), at(`${K}/pod/web/api-7f9-b`)];
    expect(at(`${K}/deployment/web/api`).y).toBe((pods[0]!.y + pods[1]!.y) / 2);
    const spots = [...positions.values()].map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });
});

describe('placeNear', () => {
  it('puts a new pod under its lowest sibling, and a new image one column right of its pod', () => {
    const pod = `${K}/pod/web/api-7f9-c`;
    const image = `${ns}>${K}/image/new`;
    const nodes = new Map(display.nodes);
    nodes.set(pod, { ...display.nodes.get(`${K}/pod/web/api-7f9-a`)!, id: pod });
    nodes.set(image, { ...display.nodes.get(`${ns}>${K}/image/${NGINX}`)!, id: image });
    const edges = new Map(display.edges);
    edges.set('w→c', { id: 'w→c', source: `${K}/deployment/web/api`, target: pod });
    edges.set('c→i', { id: 'c→i', source: pod, target: image });
    const grown = { nodes, edges };
    const siblings = [at(`${K}/pod/web/api-7f9-a`), at(`${K}/pod/web/api-7f9-b`)];
    const placed = placeNear(grown, layout, pod);
    expect(placed).toEqual({ x: siblings[0]!.x, y: Math.max(...siblings.map((p) => p.y)) + ROW });
    const withPod = { positions: new Map(positions).set(pod, placed), frames };
    expect(placeNear(grown, withPod, image)).toEqual({ x: placed.x + COLUMN, y: placed.y });
  });

  it('grows a frame to hold a node placed below it, and leaves it alone when it fits', () => {
    const frame = frames.get(ns)!;
    const below = { x: frame.x + 20, y: frame.y + frame.height + 100 };
    const grown = grownFrame(frame, nodeBox(below));
    expect([grown.x, grown.y, grown.width]).toEqual([frame.x, frame.y, frame.width]);
    expect(grown.y + grown.height).toBeGreaterThan(below.y + ROW / 2);
    expect(grownFrame(grown, nodeBox(below))).toBe(grown);
  });
});
