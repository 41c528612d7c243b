import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';
import { imageTarget } from './image-target.js';
import type { ImagePlace } from './platform-graphs.js';

const REF = 'docker.io/library/nginx:1.25';

/** One platform: image → container (with labels) → root. */
function place(platform: string, labels: Record<string, string>, os?: string): ImagePlace {
  const image: GraphNode = {
    id: `${platform}/image`,
    kind: 'image',
    platform,
    name: 'nginx',
    reference: REF,
    ...(os === undefined ? {} : { os, architecture: 'arm64', variant: 'v8' }),
  };
  const container: GraphNode = {
    id: `${platform}/container`,
    kind: 'container',
    platform,
    name: 'web',
    role: 'container',
    state: 'running',
    labels,
  };
  const graph = Graph.from([image, container], [{ from: image.id, to: container.id }]);
  return { graph, node: image as Extract<GraphNode, { kind: 'image' }> };
}

describe('imageTarget', () => {
  it('is undefined for a reference that runs nowhere', () => {
    expect(imageTarget(REF, [])).toBeUndefined();
  });

  it('is ignored only when every place ignores it, and takes the rules of a place that does not', () => {
    const ignoring = place('docker:a', { 'config.cupdate/ignore': 'true' });
    const pinning = place('docker:b', { 'config.cupdate/pin': 'true' });
    expect(imageTarget(REF, [ignoring])?.ignored).toBe(true);
    const target = imageTarget(REF, [ignoring, pinning]);
    expect(target).toMatchObject({ ignored: false, rules: { pin: true } });
    expect(target?.placeTags).toEqual(['platform:docker:a', 'platform:docker:b']);
  });

  it('checks the platform of the first place that says where it runs', () => {
    const target = imageTarget(REF, [place('static:x', {}), place('docker:arm', {}, 'linux')]);
    expect(target?.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(imageTarget(REF, [place('static:x', {})])?.platform).toBeUndefined();
  });
});
