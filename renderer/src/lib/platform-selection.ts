// The Platforms page's choice of what to watch, and the platform ids the core gives those choices
// (internal/graph/types.ts: `docker:<endpoint-name>`, `kubernetes:<context-name>`, `static:<file>`).
import type { Discovery, PlatformSelection } from '../../../internal/api/contract.js';

/** What is watched now, as discovery reports it. */
export function selectionOf(discovery: Discovery): PlatformSelection {
  return {
    dockerEndpoints: discovery.dockerEndpoints.filter((e) => e.connected).map((e) => e.id),
    kubeContexts: discovery.kubeContexts.filter((c) => c.watched).map((c) => c.name),
    staticLists: discovery.staticLists,
  };
}

/** `list` with `item` added when absent, removed when present. */
export function toggled(list: readonly string[], item: string): readonly string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export function sameSelection(a: PlatformSelection, b: PlatformSelection): boolean {
  const same = (x: readonly string[], y: readonly string[]): boolean =>
    x.length === y.length && x.every((item) => y.includes(item));
  return (
    same(a.dockerEndpoints, b.dockerEndpoints) &&
    same(a.kubeContexts, b.kubeContexts) &&
    same(a.staticLists, b.staticLists)
  );
}

export const platformId = {
  docker: (endpointName: string): string => `docker:${endpointName}`,
  kubernetes: (contextName: string): string => `kubernetes:${contextName}`,
  static: (path: string): string => `static:${path}`,
};
