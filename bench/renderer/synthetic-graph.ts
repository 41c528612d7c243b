// A deterministic cluster-shaped graph for the graph view's benchmark and tests: kube contexts
// with namespaces of deployments (replicaset → 1–3 pods → app container, sometimes a sidecar),
// and a Docker host with compose projects, ids built the way the platforms build them
// (internal/platform/kubernetes/pod-contribution.ts, internal/platform/docker/docker-graph.ts).
import type { GraphEdge, GraphNode, GraphPatch } from '../../internal/graph/types.js';
import type { UpdateKind } from '../../internal/model/image.js';

export interface SyntheticUpdate {
  readonly kind: UpdateKind | null;
  readonly error: string | null;
}

export interface SyntheticGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly updates: Map<string, SyntheticUpdate>;
  /** Deployments' replicaset ids with their namespace, to add pods to. */
  readonly replicasets: {
    readonly platform: string;
    readonly namespace: string;
    readonly id: string;
    readonly image: string;
  }[];
}

const DEPLOYMENTS_PER_NAMESPACE = 12;
const NAMESPACES_PER_CONTEXT = 40;
/** One image in ten runs on the Docker host. */
const DOCKER_SHARE = 0.1;

/** A graph with about `images` distinct images. */
export function syntheticGraph(images: number): SyntheticGraph {
  const graph: SyntheticGraph = { nodes: [], edges: [], updates: new Map(), replicasets: [] };
  const dockerImages = Math.round(images * DOCKER_SHARE);
  let made = 0;
  for (let c = 0; made < images - dockerImages; c++)
    made += kubeContext(graph, c, images - dockerImages - made);
  dockerHost(graph, dockerImages);
  return graph;
}

function kubeContext(graph: SyntheticGraph, c: number, wanted: number): number {
  const platform = `kubernetes:cluster-${c}`;
  const context = node({
    id: `${platform}/kube-context/cluster-${c}`,
    kind: 'kube-context',
    platform,
    name: `cluster-${c}`,
  });
  graph.nodes.push(context);
  let made = 0;
  for (let n = 0; n < NAMESPACES_PER_CONTEXT && made < wanted; n++) {
    const ns = `team-${c}-${n}`;
    const namespace = node({ id: `${platform}/namespace/${ns}`, kind: 'namespace', platform, name: ns });
    graph.nodes.push(namespace);
    graph.edges.push({ from: namespace.id, to: context.id });
    for (let d = 0; d < DEPLOYMENTS_PER_NAMESPACE && made < wanted; d++) {
      const name = `svc-${n}-${d}`;
      const deployment = node({
        id: `${platform}/deployment/${ns}/${name}`,
        kind: 'deployment',
        platform,
        name,
        namespace: ns,
      });
      const rsName = `${name}-5d8f7c9b4`;
      const rs = node({
        id: `${platform}/replicaset/${ns}/${rsName}`,
        kind: 'replicaset',
        platform,
        name: rsName,
        namespace: ns,
      });
      graph.nodes.push(deployment, rs);
      graph.edges.push({ from: deployment.id, to: namespace.id }, { from: rs.id, to: deployment.id });
      const app = image(graph, platform, `registry.example.com/team-${c}/${name}`, made);
      const sidecar =
        d % 4 === 0 ? image(graph, platform, `ghcr.io/example/sidecar-${c}-${n}-${d}`, made + 1) : null;
      made += sidecar === null ? 1 : 2;
      const pods = 1 + ((n + d) % 3);
      for (let p = 0; p < pods; p++) {
        graph.nodes.push(...podWith(platform, ns, `${rsName}-${p}x${d}`, rs.id, app, sidecar, graph.edges));
      }
      graph.replicasets.push({ platform, namespace: ns, id: rs.id, image: app });
    }
  }
  return made;
}

function dockerHost(graph: SyntheticGraph, images: number): void {
  const platform = 'docker:local';
  const host = node({
    id: `${platform}/docker-host/laptop`,
    kind: 'docker-host',
    platform,
    name: 'laptop',
    endpoint: 'unix:///var/run/docker.sock',
  });
  graph.nodes.push(host);
  for (let i = 0; i < images; i++) {
    const projectName = `stack-${Math.floor(i / 8)}`;
    const project = node({
      id: `${platform}/compose-project/${projectName}`,
      kind: 'compose-project',
      platform,
      name: projectName,
    });
    const service = node({
      id: `${platform}/compose-service/${projectName}/s${i}`,
      kind: 'compose-service',
      platform,
      name: `s${i}`,
    });
    const container = node({
      id: `${platform}/container/c${i}`,
      kind: 'container',
      platform,
      name: `${projectName}-s${i}-1`,
      role: 'container',
      state: 'running',
    });
    const imageId = image(graph, platform, `docker.io/example/app-${i}`, i);
    if (i % 8 === 0) {
      graph.nodes.push(project);
      graph.edges.push({ from: project.id, to: host.id });
    }
    graph.nodes.push(service, container);
    graph.edges.push(
      { from: service.id, to: project.id },
      { from: container.id, to: service.id },
      { from: imageId, to: container.id },
    );
  }
}

/** Adds an image node with an update state spread like a real fleet's; returns its id. */
function image(graph: SyntheticGraph, platform: string, repository: string, i: number): string {
  const tag = `1.${i % 30}.${i % 7}`;
  const reference = `${repository}:${tag}@sha256:${i.toString(16).padStart(64, '0')}`;
  const id = `${platform}/image/${reference}`;
  graph.nodes.push(
    node({
      id,
      kind: 'image',
      platform,
      name: `${repository.replace(/^docker\.io\//, '')}:${tag}`,
      reference,
    }),
  );
  graph.updates.set(reference, updateFor(i));
  return id;
}

function updateFor(i: number): SyntheticUpdate {
  const bucket = (i * 37) % 100;
  if (bucket < 5) return { kind: 'major', error: null };
  if (bucket < 15) return { kind: 'minor', error: null };
  if (bucket < 30) return { kind: 'patch', error: null };
  if (bucket < 35) return { kind: 'digest', error: null };
  if (bucket < 38) return { kind: null, error: 'registry answered 401' };
  if (bucket < 50) return { kind: null, error: null };
  return { kind: 'none', error: null };
}

/** A pod with its containers, and the edges that join them; nodes are returned, edges appended. */
function podWith(
  platform: string,
  ns: string,
  podName: string,
  ownerId: string,
  app: string,
  sidecar: string | null,
  edges: GraphEdge[],
): GraphNode[] {
  const pod = node({
    id: `${platform}/pod/${ns}/${podName}`,
    kind: 'pod',
    platform,
    name: podName,
    namespace: ns,
    phase: 'Running',
  });
  const nodes: GraphNode[] = [pod];
  edges.push({ from: pod.id, to: ownerId });
  for (const [containerName, imageId] of [
    ['app', app],
    ['sidecar', sidecar],
  ] as const) {
    if (imageId === null) continue;
    const container = node({
      id: `${platform}/container/${ns}/${podName}/${containerName}`,
      kind: 'container',
      platform,
      name: containerName,
      role: 'container',
      state: 'running',
    });
    nodes.push(container);
    edges.push({ from: imageId, to: container.id }, { from: container.id, to: pod.id });
  }
  return nodes;
}

/** The patches a platform sends when a deployment scales up by one pod (nodes before edges). */
export function podAddedPatches(
  target: SyntheticGraph['replicasets'][number],
  podName: string,
): GraphPatch[] {
  const edges: GraphEdge[] = [];
  const nodes = podWith(target.platform, target.namespace, podName, target.id, target.image, null, edges);
  return [
    ...nodes.map((n): GraphPatch => ({ op: 'add-node', node: n })),
    ...edges.map((edge): GraphPatch => ({ op: 'add-edge', edge })),
  ];
}

/** The patch that removes a pod and its one app container (removing a node drops its edges). */
export function podRemovedPatches(
  target: SyntheticGraph['replicasets'][number],
  podName: string,
): GraphPatch[] {
  return [
    { op: 'remove-node', id: `${target.platform}/container/${target.namespace}/${podName}/app` },
    { op: 'remove-node', id: `${target.platform}/pod/${target.namespace}/${podName}` },
  ];
}

function node<N extends GraphNode>(value: N): N {
  return value;
}
