// The imperative side of the view: one Cytoscape instance, drawn from scratch with precomputed
// positions (the `preset` layout costs nothing) or changed in place by a diff.
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import type { DisplayDiff } from './display-diff.js';
import { nodeElement, edgeElement, toCytoscapeElements } from './elements.js';
import { extent, grownFrame, layoutGraph, nodeBox, placeNear, type GraphLayout } from './layout.js';
import { graphStyle } from './style.js';
import type { DisplayGraph, Position } from './types.js';

export interface ViewCallbacks {
  onOpenImage(reference: string): void;
  /** A collapsed group was double-clicked: open it. */
  onOpenGroup(id: string): void;
}

/** Screen pixels kept around the drawing when fitting it. */
const FIT_MARGIN = 20;

export class CytoscapeView {
  readonly #cy: Core;
  #layout: GraphLayout = { positions: new Map(), frames: new Map() };

  constructor(container: HTMLElement, callbacks: ViewCallbacks) {
    claimCytoscapeStylesheet(container.ownerDocument);
    this.#cy = cytoscape({
      container,
      style: graphStyle(),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 3,
      // Drawing thousands of labels and edges while panning is what makes a big graph feel stuck.
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    this.#cy.on('tap', 'node.image', (event) => {
      const reference = (event.target as NodeSingular).data('reference') as string | undefined;
      if (reference !== undefined) callbacks.onOpenImage(reference);
    });
    this.#cy.on('dbltap', 'node.collapsed-group', (event) =>
      callbacks.onOpenGroup((event.target as NodeSingular).id()),
    );
  }

  /** Replaces everything: lays out, draws, fits. */
  draw(display: DisplayGraph): void {
    const cy = this.#cy;
    this.#layout = layoutGraph(display, cy.width() / Math.max(1, cy.height()));
    cy.batch(() => {
      cy.elements().remove();
      cy.add(toCytoscapeElements(display, this.#layout));
    });
    this.fit();
  }

  /** Changes only what the diff names; new nodes go next to their siblings, frames grow to fit. */
  apply(diff: DisplayDiff, display: DisplayGraph): void {
    const cy = this.#cy;
    const { positions, frames } = this.#layout;
    cy.batch(() => {
      for (const id of diff.removedEdges) cy.getElementById(id).remove();
      for (const id of diff.removedNodes) {
        cy.getElementById(id).remove();
        positions.delete(id);
        frames.delete(id);
      }
      for (const node of diff.addedNodes) {
        const at = placeNear(display, this.#layout, node.id);
        if (node.role === 'context' || node.role === 'group') {
          frames.set(node.id, { x: at.x, y: at.y, width: 0, height: 0 });
          cy.add(nodeElement(node, undefined, frames.get(node.id)));
          continue;
        }
        positions.set(node.id, at);
        cy.add(nodeElement(node, at));
        this.#grow(display, node.parent, at);
      }
      for (const node of diff.changedNodes) {
        const element = cy.getElementById(node.id);
        element.data({ label: node.label, update: node.update, reference: node.reference });
        element.classes(`${node.role} ${node.update}`);
      }
      cy.add(diff.addedEdges.map(edgeElement));
    });
  }

  /** Grows the frame `id`, then the frames around it, to hold a node added at `at`. */
  #grow(display: DisplayGraph, id: string | null, at: Position): void {
    let inner = nodeBox(at);
    for (let frameId = id; frameId !== null; frameId = display.nodes.get(frameId)?.parent ?? null) {
      const frame = this.#layout.frames.get(frameId);
      if (frame === undefined) return;
      const grown = grownFrame(frame, inner);
      if (grown === frame) return;
      this.#layout.frames.set(frameId, grown);
      this.#cy
        .getElementById(frameId)
        .data({ width: grown.width, height: grown.height })
        .position({ x: grown.x + grown.width / 2, y: grown.y + grown.height / 2 });
      inner = grown;
    }
  }

  /** Marks the matches, dims the rest, and brings the first into view. */
  highlight(ids: readonly string[]): void {
    const cy = this.#cy;
    const wanted = new Set(ids);
    cy.batch(() => {
      cy.elements().removeClass('highlighted dimmed');
      if (wanted.size === 0) return;
      const matches = cy.nodes().filter((node) => wanted.has(node.id()));
      cy.elements().not(matches).not('.context, .group').addClass('dimmed');
      matches.addClass('highlighted');
    });
    const first = ids[0] === undefined ? undefined : cy.getElementById(ids[0]);
    if (first?.nonempty()) cy.animate({ center: { eles: first }, zoom: 1.2 }, { duration: 300 });
  }

  /**
   * Shows the whole drawing. Computed from the positions we gave: `cy.fit()` measures every label
   * and compound (seconds at a few thousand nodes in headless Chromium, bench/renderer-graph).
   */
  fit(): void {
    const cy = this.#cy;
    const box = extent(this.#layout.positions.values());
    if (box === null) return;
    const zoom = Math.min(
      cy.maxZoom(),
      (cy.width() - 2 * FIT_MARGIN) / box.width,
      (cy.height() - 2 * FIT_MARGIN) / box.height,
    );
    cy.viewport({
      zoom,
      pan: {
        x: (cy.width() - box.width * zoom) / 2 - box.left * zoom,
        y: (cy.height() - box.height * zoom) / 2 - box.top * zoom,
      },
    });
  }

  zoomBy(factor: number): void {
    const cy = this.#cy;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** Resolves once Cytoscape has drawn what it holds: it draws in its own animation-frame loop. */
  painted(): Promise<void> {
    this.#cy.forceRender();
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  }

  destroy(): void {
    this.#cy.destroy();
  }
}

/**
 * Cytoscape injects an inline `<style>` giving its container `position: relative`, unless an
 * element with its stylesheet id already exists. The app's CSP (`style-src 'self'`) blocks inline
 * styles and reports a violation; GraphView's own stylesheet sets that position, so an empty
 * placeholder with the id tells Cytoscape the rule is there (cytoscape/src/extensions/renderer/
 * base/index.mjs, `__________cytoscape_stylesheet`).
 */
function claimCytoscapeStylesheet(document: Document): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id) !== null) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  document.head.append(placeholder);
}
