// Tags saying where an image runs, from the nodes above it in its platform's graph:
// `platform:<id>`, `namespace:<ns>` (Kubernetes) and `project:<compose project>` (Docker Compose).
import type { Graph } from '../graph/graph.js';
import type { NodeId } from '../graph/types.js';

export function placeTags(graph: Graph, imageId: NodeId): string[] {
  const image = graph.node(imageId);
  if (image === undefined) return [];
  const tags = new Set([`platform:${image.platform}`]);
  for (const id of graph.ancestors(imageId)) {
    const node = graph.node(id);
    if (node?.kind === 'namespace') tags.add(`namespace:${node.name}`);
    if (node?.kind === 'compose-project') tags.add(`project:${node.name}`);
  }
  return [...tags];
}
