// The kinds a kube context is listed and watched for, and their collection paths, cluster-wide or
// in one namespace (Kubernetes API reference: the "list … all namespaces" and "list … in a
// namespace" endpoints). Namespaces are not listed: they come from the objects, so a user without
// cluster-scoped namespace access still sees them.

export type ResourceName =
  'pods' | 'replicasets' | 'deployments' | 'statefulsets' | 'daemonsets' | 'jobs' | 'cronjobs' | 'nodes';

export interface KubeResource {
  readonly name: ResourceName;
  /** API group ('' is the core group), as RBAC rules and access reviews name it. */
  readonly group: string;
  readonly version: string;
  /** `kind` of the objects, as ownerReferences name them. */
  readonly kind: string;
  /** False for nodes: they are listed cluster-wide or not at all. */
  readonly namespaced: boolean;
}

export const KUBE_RESOURCES: readonly KubeResource[] = [
  { name: 'pods', group: '', version: 'v1', kind: 'Pod', namespaced: true },
  { name: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', namespaced: true },
  { name: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true },
  { name: 'statefulsets', group: 'apps', version: 'v1', kind: 'StatefulSet', namespaced: true },
  { name: 'daemonsets', group: 'apps', version: 'v1', kind: 'DaemonSet', namespaced: true },
  { name: 'jobs', group: 'batch', version: 'v1', kind: 'Job', namespaced: true },
  { name: 'cronjobs', group: 'batch', version: 'v1', kind: 'CronJob', namespaced: true },
  { name: 'nodes', group: '', version: 'v1', kind: 'Node', namespaced: false },
];

/** `/api/v1/pods`, `/apis/apps/v1/namespaces/shop/deployments`, …; undefined namespace: cluster-wide. */
export function collectionPath(resource: KubeResource, namespace?: string): string {
  const base =
    resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${base}${scope}/${resource.name}`;
}
