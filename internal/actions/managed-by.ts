// Who applies a Kubernetes workload, from the well-known labels and annotations on it, so that the
// action says first that the change belongs there: a `kubectl set image` on an object that a tool
// applies from a chart or from Git is undone at the tool's next sync.
// - Helm: `app.kubernetes.io/managed-by: Helm` and `helm.sh/chart` (Helm docs, "Labels and
//   Annotations"); the release in the `meta.helm.sh/release-name` annotation Helm 3 sets.
// - Argo CD: the `argocd.argoproj.io/instance` label, or the `argocd.argoproj.io/tracking-id`
//   annotation `<app>:<group>/<kind>:<namespace>/<name>` (Argo CD docs, "Resource Tracking").
// - Flux: `kustomize.toolkit.fluxcd.io/name|namespace` and `helm.toolkit.fluxcd.io/name|namespace`.
// A GitOps tool wins over Helm: Argo CD and Flux render charts too, and then Git is the source.
import type { ManagedBy } from './types.js';

export function managedBy(labels: Readonly<Record<string, string>> | undefined): ManagedBy | null {
  const get = (key: string): string | undefined => {
    const value = labels?.[key];
    return value === undefined || value === '' ? undefined : value;
  };
  const argoApp = get('argocd.argoproj.io/instance') ?? get('argocd.argoproj.io/tracking-id')?.split(':')[0];
  if (argoApp !== undefined) return { tool: 'argocd', detail: argoApp };
  for (const [controller, kind] of [
    ['kustomize', 'Kustomization'],
    ['helm', 'HelmRelease'],
  ] as const) {
    const name = get(`${controller}.toolkit.fluxcd.io/name`);
    if (name === undefined) continue;
    const namespace = get(`${controller}.toolkit.fluxcd.io/namespace`);
    return { tool: 'flux', detail: `${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}` };
  }
  const manager = get('app.kubernetes.io/managed-by');
  const chart = get('helm.sh/chart');
  if (chart !== undefined || manager?.toLowerCase() === 'helm') {
    const release = get('meta.helm.sh/release-name');
    const parts = [chart && `chart ${chart}`, release && `release ${release}`].filter(Boolean);
    return { tool: 'helm', detail: parts.length > 0 ? parts.join(', ') : 'Helm' };
  }
  if (manager !== undefined) return { tool: 'other', detail: manager };
  return null;
}

/** What to tell the user, first, about a managed workload. */
export function managedNote(managed: ManagedBy): string {
  switch (managed.tool) {
    case 'helm':
      return `Installed by Helm (${managed.detail}): change the image in the release's values and run helm upgrade; a kubectl set image is undone by the next upgrade.`;
    case 'argocd':
      return `Managed by Argo CD (application ${managed.detail}): change the image in Git; Argo CD reverts a kubectl set image when it syncs (at once with self-heal).`;
    case 'flux':
      return `Managed by Flux (${managed.detail}): change the image in Git; Flux reverts a kubectl set image at its next reconciliation.`;
    case 'other':
      return `Managed by ${managed.detail} (label app.kubernetes.io/managed-by): change the image there; a kubectl set image may be reverted.`;
  }
}
