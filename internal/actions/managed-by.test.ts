import { describe, expect, it } from 'vitest';
import { managedBy, managedNote } from './managed-by.js';

describe('managedBy', () => {
  it('reads Helm, Argo CD, Flux and other managers from labels and annotations', () => {
    expect(
      managedBy({
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': 'web-1.2.0',
        'meta.helm.sh/release-name': 'shop',
      }),
    ).toEqual({ tool: 'helm', detail: 'chart web-1.2.0, release shop' });
    expect(managedBy({ 'app.kubernetes.io/managed-by': 'helm' })).toEqual({ tool: 'helm', detail: 'Helm' });
    expect(managedBy({ 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:web/front' })).toEqual({
      tool: 'argocd',
      detail: 'shop',
    });
    expect(
      managedBy({
        'kustomize.toolkit.fluxcd.io/name': 'apps',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      }),
    ).toEqual({ tool: 'flux', detail: 'Kustomization flux-system/apps' });
    expect(managedBy({ 'app.kubernetes.io/managed-by': 'pulumi' })).toEqual({
      tool: 'other',
      detail: 'pulumi',
    });
    expect(managedBy({ app: 'web' })).toBeNull();
    expect(managedBy(undefined)).toBeNull();
  });

  it('names Git, not the chart, when Argo CD renders a Helm chart', () => {
    const labels = { 'helm.sh/chart': 'web-1.2.0', 'argocd.argoproj.io/instance': 'shop' };
    expect(managedBy(labels)).toEqual({ tool: 'argocd', detail: 'shop' });
    expect(managedNote(managedBy(labels)!)).toMatch(
      /^Managed by Argo CD \(application shop\): change the image in Git/,
    );
  });
});
