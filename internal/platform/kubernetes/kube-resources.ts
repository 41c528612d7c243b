// The kinds a kube context is listed and watched for, with their cluster-wide collection paths
// (Kubernetes API reference: "list … all namespaces" endpoints). Namespaces are not listed: they
// come from the objects, so a user without cluster-scoped namespace access still sees them.

export type ResourceName =
  'pods' | 'replicasets' | 'deployments' | 'statefulsets' | 'daemonsets' | 'jobs' | 'cronjobs' | 'nodes';

export interface KubeResource {
  readonly name: ResourceName;
  readonly path: string;
  /** `kind` of the objects, as ownerReferences name them. */
  readonly kind: string;
}

export const KUBE_RESOURCES: readonly KubeResource[] = [
  { name: 'pods', path: '/api/v1/pods', kind: 'Pod' },
  { name: 'replicasets', path: '/apis/apps/v1/replicasets', kind: 'ReplicaSet' },
  { name: 'deployments', path: '/apis/apps/v1/deployments', kind: 'Deployment' },
  { name: 'statefulsets', path: '/apis/apps/v1/statefulsets', kind: 'StatefulSet' },
  { name: 'daemonsets', path: '/apis/apps/v1/daemonsets', kind: 'DaemonSet' },
  { name: 'jobs', path: '/apis/batch/v1/jobs', kind: 'Job' },
  { name: 'cronjobs', path: '/apis/batch/v1/cronjobs', kind: 'CronJob' },
  { name: 'nodes', path: '/api/v1/nodes', kind: 'Node' },
];
