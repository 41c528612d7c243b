// A layered layout in linear time, made for the shape the view draws: compounds (contexts,
// groups) holding short chains workload → instance → image. Each compound's leaves are laid out in
// columns by depth (Sugiyama-style: rank by longest path, order by the parents' order, then align
// parents with the middle of their children); compounds are packed in rows, alphabetically, and
// get a frame: Cytoscape draws them as plain nodes of that size behind their content, because its
// compound nodes recompute their bounds from their children on every frame (most of the first
// frame's cost at 2,000 nodes, bench/renderer-graph.bench.ts).
//
// Why not ELK or breadthfirst on the whole graph: ELK took ~3 s for 2,000 nodes on the main thread
// in headless Chromium (docs/graph-view.md) and breadthfirst draws one unreadable line; our chains
// are at most three deep inside a compound, so the general algorithms buy nothing and cost seconds.
import { compareText } from '../../../internal/model/compare-text.js';
import type { DisplayGraph, DisplayNode, Position } from './types.js';

/** Horizontal distance between columns: a dot plus a 32-character label at 12 px. */
export const COLUMN = 220;
/** Vertical distance between rows. */
export const ROW = 20;
/** Room for the last column's labels, and around and above (the title) each compound's content. */
const LABEL_WIDTH = 200;
const PADDING = 16;
const TITLE = 20;
const GAP = 40;

/** A compound's box: top-left corner and size. */
export interface Frame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphLayout {
  /** Centres of the nodes that are not compounds. */
  readonly positions: Map<string, Position>;
  readonly frames: Map<string, Frame>;
}

interface Block extends GraphLayout {
  readonly width: number;
  readonly height: number;
}

/** `aspect`: the width / height the drawing should have (the canvas's), for packing compounds. */
export function layoutGraph(display: DisplayGraph, aspect = 1.6): GraphLayout {
  const children = new Map<string | null, DisplayNode[]>();
  for (const node of display.nodes.values()) {
    const list = children.get(node.parent);
    if (list === undefined) children.set(node.parent, [node]);
    else list.push(node);
  }
  for (const list of children.values()) list.sort((a, b) => compareText(a.label, b.label));
  const predecessors = new Map<string, string[]>();
  for (const edge of display.edges.values()) {
    const list = predecessors.get(edge.target);
    if (list === undefined) predecessors.set(edge.target, [edge.source]);
    else list.push(edge.source);
  }
  const { positions, frames } = layoutContent(null, children, predecessors, aspect);
  return { positions, frames };
}

function layoutContent(
  parent: string | null,
  children: ReadonlyMap<string | null, DisplayNode[]>,
  predecessors: ReadonlyMap<string, string[]>,
  aspect: number,
): Block {
  const blocks: Block[] = [];
  const leaves: DisplayNode[] = [];
  for (const child of children.get(parent) ?? []) {
    if (children.has(child.id))
      blocks.push(framed(child.id, layoutContent(child.id, children, predecessors, aspect)));
    else leaves.push(child);
  }
  if (leaves.length > 0) blocks.unshift(layered(leaves, predecessors));
  return pack(blocks, aspect);
}

/** Columns by longest path from a root; rows follow the parents' order; parents centre on children. */
function layered(leaves: readonly DisplayNode[], predecessors: ReadonlyMap<string, string[]>): Block {
  const inBlock = new Set(leaves.map((leaf) => leaf.id));
  const preds = (id: string) => (predecessors.get(id) ?? []).filter((p) => inBlock.has(p));
  const rank = new Map<string, number>();
  const rankOf = (id: string): number => {
    let r = rank.get(id);
    if (r === undefined) {
      rank.set(id, 0); // breaks a cycle, should one ever be drawn
      r = Math.max(-1, ...preds(id).map(rankOf)) + 1;
      rank.set(id, r);
    }
    return r;
  };
  const columns: string[][] = [];
  for (const leaf of leaves) (columns[rankOf(leaf.id)] ??= []).push(leaf.id); // leaves come sorted

  const y = new Map<string, number>();
  const row = new Map<string, number>();
  columns.forEach((column, c) => {
    if (c > 0) {
      const key = (id: string) => Math.min(...preds(id).map((p) => row.get(p) ?? Infinity));
      column.sort((a, b) => key(a) - key(b)); // stable: ties stay alphabetical
    }
    column.forEach((id, i) => row.set(id, i));
    const mean = (id: string) => average(preds(id).map((p) => y.get(p) ?? 0));
    spread(column, y, c === 0 ? () => 0 : mean);
  });
  // Back up the columns: a parent sits at the middle of its children.
  const successors = new Map<string, string[]>();
  for (const leaf of leaves)
    for (const p of preds(leaf.id)) (successors.get(p) ?? successors.set(p, []).get(p)!).push(leaf.id);
  for (let c = columns.length - 2; c >= 0; c--) {
    const column = columns[c] ?? [];
    spread(column, y, (id) => {
      const below = successors.get(id);
      return below === undefined ? (y.get(id) ?? 0) : average(below.map((s) => y.get(s) ?? 0));
    });
  }

  const positions = new Map<string, Position>();
  let bottom = 0;
  columns.forEach((column, c) => {
    for (const id of column) {
      const top = y.get(id) ?? 0;
      positions.set(id, { x: c * COLUMN, y: top });
      bottom = Math.max(bottom, top);
    }
  });
  return {
    width: (columns.length - 1) * COLUMN + LABEL_WIDTH,
    height: bottom + ROW,
    positions,
    frames: new Map(),
  };
}

/** Places a column top to bottom, each node as near its wish as the rows above allow. */
function spread(column: readonly string[], y: Map<string, number>, wish: (id: string) => number): void {
  let next = 0;
  for (const id of column) {
    const at = Math.max(next, wish(id));
    y.set(id, at);
    next = at + ROW;
  }
}

/** The compound's frame around its content, with room for its title. */
function framed(id: string, content: Block): Block {
  const dx = PADDING;
  const dy = PADDING + TITLE;
  const width = content.width + 2 * PADDING;
  const height = content.height + 2 * PADDING + TITLE;
  const { positions, frames } = shifted(content, dx, dy);
  frames.set(id, { x: 0, y: 0, width, height });
  return { width, height, positions, frames };
}

function shifted(layout: GraphLayout, dx: number, dy: number): GraphLayout {
  const positions = new Map<string, Position>();
  for (const [id, p] of layout.positions) positions.set(id, { x: p.x + dx, y: p.y + dy });
  const frames = new Map<string, Frame>();
  for (const [id, f] of layout.frames) frames.set(id, { ...f, x: f.x + dx, y: f.y + dy });
  return { positions, frames };
}

/** Rows of blocks, the whole about `aspect` times as wide as tall. */
function pack(blocks: readonly Block[], aspect: number): Block {
  const area = blocks.reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  const widest = blocks.reduce((max, b) => Math.max(max, b.width), 0);
  const limit = Math.max(widest, Math.sqrt(area * aspect));
  const positions = new Map<string, Position>();
  const frames = new Map<string, Frame>();
  let x = 0;
  let top = 0;
  let rowHeight = 0;
  let width = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > limit) {
      top += rowHeight + GAP;
      x = 0;
      rowHeight = 0;
    }
    const placed = shifted(block, x, top);
    for (const [id, p] of placed.positions) positions.set(id, p);
    for (const [id, f] of placed.frames) frames.set(id, f);
    x += block.width + GAP;
    width = Math.max(width, x - GAP);
    rowHeight = Math.max(rowHeight, block.height);
  }
  return { width, height: top + rowHeight, positions, frames };
}

/**
 * The box around the drawing, from node centres, widened by what is drawn around them: labels to
 * the right, compound frames around.
 */
export function extent(
  positions: Iterable<Position>,
): { left: number; top: number; width: number; height: number } | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const p of positions) {
    left = Math.min(left, p.x);
    top = Math.min(top, p.y);
    right = Math.max(right, p.x);
    bottom = Math.max(bottom, p.y);
  }
  if (left === Infinity) return null;
  const frame = 2 * PADDING + TITLE;
  return {
    left: left - frame,
    top: top - frame,
    width: right - left + LABEL_WIDTH + 2 * frame,
    height: bottom - top + 2 * frame,
  };
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Where a node added by a patch goes without laying out again: under its lowest sibling (same
 * parent in the drawing), else a column right of its parent, else under the lowest node of its
 * compound, else at the top of its compound's frame, else right of everything.
 */
export function placeNear(display: DisplayGraph, layout: GraphLayout, id: string): Position {
  const { positions, frames } = layout;
  const from = [...display.edges.values()].find((edge) => edge.target === id)?.source;
  if (from !== undefined) {
    const siblings = [...display.edges.values()]
      .filter((edge) => edge.source === from && edge.target !== id)
      .flatMap((edge) => positions.get(edge.target) ?? []);
    const lowest = siblings.reduce<Position | undefined>(
      (low, p) => (low === undefined || p.y > low.y ? p : low),
      undefined,
    );
    if (lowest !== undefined) return { x: lowest.x, y: lowest.y + ROW };
    const parent = positions.get(from);
    if (parent !== undefined) return { x: parent.x + COLUMN, y: parent.y };
  }
  const compound = display.nodes.get(id)?.parent;
  let low: Position | undefined;
  let right = 0;
  for (const node of display.nodes.values()) {
    const p = positions.get(node.id);
    if (p === undefined) continue;
    right = Math.max(right, p.x);
    if (node.parent === compound && node.id !== id && (low === undefined || p.y > low.y)) low = p;
  }
  if (low !== undefined) return { x: low.x, y: low.y + ROW };
  const frame = compound === undefined || compound === null ? undefined : frames.get(compound);
  return frame !== undefined
    ? { x: frame.x + PADDING, y: frame.y + PADDING + TITLE }
    : { x: right + COLUMN + LABEL_WIDTH, y: 0 };
}

/** The box a node at `p` takes with its label. */
export function nodeBox(p: Position): Frame {
  return { x: p.x, y: p.y - ROW / 2, width: LABEL_WIDTH, height: ROW };
}

/** `frame` grown to hold `inner` with the frame's padding and title; `frame` itself if it already does. */
export function grownFrame(frame: Frame, inner: Frame): Frame {
  const x = Math.min(frame.x, inner.x - PADDING);
  const y = Math.min(frame.y, inner.y - PADDING - TITLE);
  const right = Math.max(frame.x + frame.width, inner.x + inner.width + PADDING);
  const bottom = Math.max(frame.y + frame.height, inner.y + inner.height + PADDING);
  if (
    x === frame.x &&
    y === frame.y &&
    right === frame.x + frame.width &&
    bottom === frame.y + frame.height
  ) {
    return frame;
  }
  return { x, y, width: right - x, height: bottom - y };
}
