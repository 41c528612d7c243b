// How the graph is drawn. One table of colours feeds both the canvas style and the legend.
// Labels fade out below a readable zoom (min-zoomed-font-size), edges are plain lines and hide
// while panning: at thousands of nodes those are most of Cytoscape's drawing time.
import type { StylesheetJson } from 'cytoscape';
import type { UpdateClass } from './types.js';

export const UPDATE_COLOURS: Readonly<Record<UpdateClass, string>> = {
  major: '#d7263d',
  minor: '#f46036',
  patch: '#e2b714',
  digest: '#2e86de',
  failed: '#8e44ad',
  unknown: '#9aa5b1',
  'up-to-date': '#2ca58d',
};

export const UPDATE_LABELS: Readonly<Record<UpdateClass, string>> = {
  major: 'Major update',
  minor: 'Minor update',
  patch: 'Patch update',
  digest: 'New digest',
  failed: 'Check failed',
  unknown: 'Not checked yet',
  'up-to-date': 'Up to date',
};

export function graphStyle(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 12,
        'font-family': 'system-ui, sans-serif',
        color: '#1f2933',
        'text-valign': 'center',
        'text-halign': 'right',
        'text-margin-x': 6,
        'min-zoomed-font-size': 5,
        width: 12,
        height: 12,
        'background-color': '#cbd2d9',
        'border-width': 0,
        // Frames (z 0–1) under edges (2) under the other nodes (3): Cytoscape's automatic order
        // would draw every edge under every node, frames included.
        'z-index-compare': 'manual',
        'z-index': 3,
      },
    },
    {
      selector: 'node.workload',
      style: { shape: 'round-rectangle', width: 16, 'background-color': '#52606d' },
    },
    {
      selector: 'node.instance',
      style: { shape: 'ellipse', 'background-color': '#7b8794', width: 10, height: 10 },
    },
    { selector: 'node.image', style: { shape: 'round-diamond', width: 14, height: 14 } },
    {
      selector: 'node.collapsed-group',
      style: { shape: 'round-rectangle', width: 22, height: 16, 'font-weight': 'bold' },
    },
    ...(Object.entries(UPDATE_COLOURS) as [UpdateClass, string][]).map(([update, colour]) => ({
      selector: `node.image.${update}, node.collapsed-group.${update}`,
      style: { 'background-color': colour },
    })),
    {
      // Contexts and groups: plain nodes sized to their frame (layout.ts), drawn behind the rest.
      selector: 'node.context, node.group',
      style: {
        shape: 'round-rectangle',
        width: 'data(width)',
        height: 'data(height)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-x': 0,
        'text-margin-y': 20,
        'font-size': 14,
        'min-zoomed-font-size': 4,
        'font-weight': 'bold',
        'background-color': '#f5f7fa',
        'border-width': 1,
        'border-color': '#cbd2d9',
        'z-index': 1,
        events: 'no',
      },
    },
    { selector: 'node.context', style: { 'background-color': '#e4e7eb', 'font-size': 18, 'z-index': 0 } },
    {
      selector: 'edge',
      // Haystack edges are plain lines without arrows: the cheapest edge Cytoscape draws (a first
      // frame of 2,000 nodes took about half as long as with `straight` in headless Chromium here).
      style: {
        width: 1,
        'line-color': '#bcccdc',
        'curve-style': 'haystack',
        'haystack-radius': 0,
        events: 'no',
        'z-index-compare': 'manual',
        'z-index': 2,
      },
    },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    {
      selector: 'node.highlighted',
      style: { 'border-width': 3, 'border-color': '#102a43', 'font-weight': 'bold', 'z-index': 10 },
    },
    { selector: 'node:selected', style: { 'border-width': 2, 'border-color': '#334e68' } },
  ];
}
