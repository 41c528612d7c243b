import { describe, expect, it } from 'vitest';
import { Graph } from '../../../internal/graph/graph.js';
import { syntheticGraph } from '../../../bench/renderer/synthetic-graph.js';
import { displayGraph } from './elements.js';
import { fixtureEdges, fixtureNodes, fixtureUpdates, ids } from './graph-fixture.js';
import { placementsOf } from './placements.js';
import { chooseReduction } from './reduce.js';

const placements = placementsOf(Graph.from(fixtureNodes, fixtureEdges));
const sizeWith = (budget: number, focus = new Set<string>()) =>
  displayGraph(placements, fixtureUpdates, chooseReduction(placements, fixtureUpdates, budget, focus)).nodes
    .size;

describe('chooseReduction', () => {
  it('folds nothing when the whole graph fits', () => {
    const reduction = chooseReduction(placements, fixtureUpdates, 100, new Set());
    expect(reduction).toMatchObject({ collapsePods: false });
    expect(reduction.collapsedGroups.size).toBe(0);
  });

  it('folds pods first, then groups, staying within the budget when it can', () => {
    const full = sizeWith(100);
    const podless = chooseReduction(placements, fixtureUpdates, full - 1, new Set());
    expect(podless.collapsePods).toBe(true);
    expect(podless.collapsedGroups.size).toBe(0);
    expect(sizeWith(full - 1)).toBeLessThan(full);

    const tight = chooseReduction(placements, fixtureUpdates, 12, new Set());
    expect(tight.collapsedGroups).toEqual(new Set([`${ids.K}/namespace/web`]));
    expect(sizeWith(12)).toBeLessThanOrEqual(12);
  });

  it('keeps a focused group open whatever the budget', () => {
    const ns = `${ids.K}/namespace/web`;
    const reduction = chooseReduction(placements, fixtureUpdates, 5, new Set([ns]));
    expect(reduction.collapsedGroups.has(ns)).toBe(false);
    expect(reduction.collapsedGroups.has(`${ids.D}/compose-project/blog`)).toBe(true);
  });

  it('brings a 5,000-image fleet under a 2,000-node budget, opening the most urgent groups first', () => {
    const graph = syntheticGraph(5000);
    const fleet = placementsOf(Graph.from(graph.nodes, graph.edges));
    const reduction = chooseReduction(fleet, graph.updates, 2000, new Set());
    const display = displayGraph(fleet, graph.updates, reduction);
    expect(display.nodes.size).toBeLessThanOrEqual(2000);
    // Greedy by urgency: every group left folded is too big for what the budget has left.
    const left = 2000 - display.nodes.size;
    const open = displayGraph(fleet, graph.updates, { collapsePods: true, collapsedGroups: new Set() });
    const inside = new Map<string | null, number>();
    for (const node of open.nodes.values()) inside.set(node.parent, (inside.get(node.parent) ?? 0) + 1);
    expect([...reduction.collapsedGroups].every((id) => (inside.get(id) ?? 0) > left)).toBe(true);
    const opened = [...display.nodes.values()].filter((n) => n.role === 'group');
    expect(opened.filter((n) => n.update === 'major').length).toBeGreaterThan(opened.length / 2);
  }, 30_000); // builds a 30,000-node model: seconds on a loaded 2-core machine
});
