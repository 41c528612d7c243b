// A Platform that reports a fixed graph given in code, for what a static list cannot hold: a
// malformed reference (the list parser refuses those lines), image nodes without a reference, and
// rule labels.
// It speaks the real Platform contract (status → graph → status, stop()), nothing is mocked.
import { Graph } from '../../internal/graph/graph.js';
import type { GraphNode } from '../../internal/graph/types.js';
import type { Platform, PlatformEvent } from '../../internal/platform/platform.js';

export class FixedPlatform implements Platform {
  readonly type = 'fixed';
  readonly #graph: Graph;

  constructor(
    readonly id: string,
    images: ReadonlyArray<{
      readonly name: string;
      readonly reference?: string;
      readonly unresolvable?: string;
      readonly labels?: Readonly<Record<string, string>>;
    }>,
  ) {
    const root: GraphNode = { id, kind: 'static-list', platform: id, name: id, path: id };
    const nodes: GraphNode[] = images.map((image) => ({
      id: `${id}/image/${image.name}`,
      kind: 'image',
      platform: id,
      ...image,
    }));
    this.#graph = Graph.from(
      [root, ...nodes],
      nodes.map((node) => ({ from: node.id, to: root.id })),
    );
  }

  async start(emit: (event: PlatformEvent) => void): Promise<void> {
    emit({ type: 'status', status: { state: 'connecting' } });
    emit({ type: 'graph', nodes: [...this.#graph.nodes()], edges: [...this.#graph.edges()] });
    emit({ type: 'status', status: { state: 'live' } });
  }

  async stop(): Promise<void> {}
}
