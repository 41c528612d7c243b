// The scheduler's unit of budgets is the registry an image lives on. Its limit comes from the HTTP
// client: 0 while the registry's host is paused (a 429/503 with Retry-After, or an exhausted
// rate-limit budget; docs/http.md), so a rate-limited registry slows only its own images. A pause
// longer than PAUSE_WAIT_LIMIT_MS is not waited out: the images run, the HTTP client answers them
// at once with its made-up 429 (docs/http.md), they fail saying when to retry, and the next
// re-check picks them up; a one-pass `scan` must not sit for the hour a registry asked for.
// A host paused for hanging (its breaker is open, docs/http.md "Hosts that hang") keeps its limit:
// its images fail at once, saying when the host is tried again. While the breaker's one probe is
// out, the limit is 0: new images wait for its outcome instead of failing behind it.
import type { HttpClient } from '../http/client.js';
import { registryBaseUrl, type EndpointOptions } from '../oci/registry-endpoint.js';
import { parseReference } from '../oci/reference.js';

/** Where images with malformed references are queued: they fail at once, without a request. */
const NO_REGISTRY = '(malformed reference)';
const PAUSE_WAIT_LIMIT_MS = 60_000;

export function registryOf(reference: string): string {
  try {
    return parseReference(reference).domain;
  } catch {
    return NO_REGISTRY;
  }
}

export function registryLimit(
  http: Pick<HttpClient, 'budgets'>,
  endpoints: EndpointOptions,
  perRegistry: number,
  now: () => number,
): (registry: string) => number {
  const hosts = new Map<string, string>();
  const hostOf = (registry: string): string => {
    let host = hosts.get(registry);
    if (host === undefined) hosts.set(registry, (host = new URL(registryBaseUrl(registry, endpoints)).host));
    return host;
  };
  return (registry) => {
    if (registry === NO_REGISTRY) return perRegistry;
    const host = hostOf(registry);
    const budget = http.budgets().find((candidate) => candidate.host === host);
    if (budget?.breaker?.probing === true) return 0;
    const pausedFor = (budget?.pausedUntil ?? 0) - now();
    return pausedFor > 0 && pausedFor <= PAUSE_WAIT_LIMIT_MS ? 0 : perRegistry;
  };
}
