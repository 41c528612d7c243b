// Builders of plausible store inputs for tests, the crash-test writer and the benchmark.
import type { GraphEdge, GraphNode } from '../../graph/types.js';
import type { UpdateKind } from '../../model/image.js';
import type { ProcessedDone } from '../../model/processed.js';

/** A Docker host running one container per reference: image → container → docker-host. */
export function dockerGraph(
  platform: string,
  references: readonly string[],
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const hostId = `${platform}/docker-host/local`;
  const nodes: GraphNode[] = [
    { id: hostId, kind: 'docker-host', platform, name: 'local', endpoint: 'unix:///var/run/docker.sock' },
  ];
  const edges: GraphEdge[] = [];
  references.forEach((reference, index) => {
    const imageId = `${platform}/image/${reference}`;
    const containerId = `${platform}/container/c${index}`;
    nodes.push(
      { id: imageId, kind: 'image', platform, name: reference, reference },
      {
        id: containerId,
        kind: 'container',
        platform,
        name: `c${index}`,
        role: 'container',
        state: 'running',
      },
    );
    edges.push({ from: imageId, to: containerId }, { from: containerId, to: hostId });
  });
  return { nodes, edges };
}

/** A finished check of `reference` with `kind`, a few links, notes and (optionally) vulnerabilities. */
export function processedDone(
  reference: string,
  kind: UpdateKind,
  options: {
    readonly at?: number;
    readonly tags?: readonly string[];
    readonly notes?: number;
    readonly vulnerabilities?: number;
    readonly description?: string;
  } = {},
): ProcessedDone {
  const at = options.at ?? 1_000;
  return {
    status: 'done',
    reference,
    processedAt: at,
    tags: options.tags ?? (kind === 'none' ? ['up-to-date'] : ['outdated', `bump:${kind}`]),
    result: {
      currentTag: '1.0.0',
      currentDigest: 'sha256:' + 'a'.repeat(64),
      latestReference: kind === 'none' ? null : `${reference.split(':')[0]}:2.0.0`,
      latestDigest: 'sha256:' + 'b'.repeat(64),
      kind,
      candidates: { patch: '1.0.1', minor: '1.1.0', major: kind === 'major' ? '2.0.0' : null },
      explanation: { kept: ['2.0.0'], dropped: [{ tag: 'latest', reason: 'invalid' }] },
      checkedAt: at,
    },
    description: {
      format: 'markdown',
      body: options.description ?? `# ${reference}\nA sample image.`,
      source: 'docker-hub',
    },
    links: [
      { type: 'source', url: `https://github.com/example/${encodeURIComponent(reference)}` },
      { type: 'homepage', url: 'https://example.com/' },
    ],
    releaseNotes: Array.from({ length: options.notes ?? 2 }, (_, i) => ({
      version: `1.${i}.0`,
      title: `Release 1.${i}.0`,
      body: `## Changes\n- fixed bug ${i}`,
      publishedAt: at - i * 1000,
      url: `https://example.com/releases/1.${i}.0`,
    })),
    vulnerabilities: Array.from({ length: options.vulnerabilities ?? 0 }, (_, i) => ({
      id: `CVE-2026-${1000 + i}`,
      severity: i % 2 === 0 ? 'high' : 'low',
      summary: `issue ${i}`,
      fixedIn: '1.0.1',
      source: 'osv',
    })),
    run: {
      status: 'succeeded',
      startedAt: at - 50,
      durationMs: 50,
      record: { steps: ['oci', 'version', 'enrich'] },
    },
  };
}
