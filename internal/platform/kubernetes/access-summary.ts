// An access plan as the user reads it, carried with the context's status: per kind, where it is
// watched and where it may not be, and one summary in words ("You may list pods and jobs in shop
// and jobs; not cluster-wide. Not allowed: deployments and nodes.").
import type { PlatformAccess } from '../platform.js';
import type { AccessPlan, KindAccess } from './kube-access.js';

const and = new Intl.ListFormat('en', { type: 'conjunction' });

export function accessSummary(plan: AccessPlan): PlatformAccess {
  const kinds = plan.map((kind) => ({
    kind: kind.resource.name,
    watched: kind.clusterWide ? ('cluster-wide' as const) : kind.namespaces,
    notAllowed: kind.denied,
  }));
  return { summary: inWords(plan), complete: plan.every((kind) => kind.clusterWide), kinds };
}

function inWords(plan: AccessPlan): string {
  if (plan.every((kind) => kind.clusterWide)) return 'Everything is watched cluster-wide.';
  const sentences: string[] = [];
  const clusterWide = plan.filter((kind) => kind.clusterWide);
  if (clusterWide.length > 0) sentences.push(`You may list ${names(clusterWide)} cluster-wide.`);
  // Kinds watched in the same namespaces, and refused in the same ones, read as one sentence.
  const groups = new Map<string, KindAccess[]>();
  for (const kind of plan) {
    if (kind.clusterWide || kind.namespaces.length === 0) continue;
    const key = `${kind.namespaces.join('/')} ${kind.denied.join('/')}`;
    groups.set(key, [...(groups.get(key) ?? []), kind]);
  }
  for (const kinds of groups.values()) {
    const { namespaces, denied } = kinds[0]!;
    const not = denied.length === 0 ? 'not cluster-wide' : `not in ${and.format(denied)}, nor cluster-wide`;
    sentences.push(`You may list ${names(kinds)} in ${and.format(namespaces)}; ${not}.`);
  }
  const nowhere = plan.filter((kind) => !kind.clusterWide && kind.namespaces.length === 0);
  if (nowhere.length > 0) sentences.push(`Not allowed: ${names(nowhere)}.`);
  return sentences.join(' ');
}

function names(kinds: readonly KindAccess[]): string {
  return and.format(kinds.map((kind) => kind.resource.name));
}
