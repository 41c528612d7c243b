// What a kube context may list and watch, asked before anything is watched so that a user whose
// role is bound in a few namespaces sees those namespaces instead of nothing (docs/kubernetes.md,
// "Namespace-scoped access"). Per kind:
// 1. cluster-wide: a SelfSubjectAccessReview for `list` and one for `watch` (authorization.k8s.io/v1);
// 2. else, in each namespace the user named (the context's `namespace`, else `default`, and those
//    added in the app): the namespace's SelfSubjectRulesReview grants it, or, when the rules are
//    incomplete (a webhook authorizer cannot enumerate), a SelfSubjectAccessReview in that namespace.
// Where the review API itself is forbidden or not served, a `limit=1` list answers instead. A
// review is a question, not an attempt: re-checking every few minutes leaves no trail of denied
// requests in the audit log, as retrying forbidden lists would.
import { KubeApiError } from './kube-http.js';
import type { KubeHttp } from './kube-http.js';
import { collectionPath } from './kube-resources.js';
import type { KubeResource, ResourceName } from './kube-resources.js';

export interface KindAccess {
  readonly resource: KubeResource;
  readonly clusterWide: boolean;
  /** Where it is watched when not cluster-wide, in the order the namespaces were given. */
  readonly namespaces: readonly string[];
  /** Namespaces checked where it may not be listed (empty when cluster-wide). */
  readonly denied: readonly string[];
}

export type AccessPlan = readonly KindAccess[];

/** A scope the API server itself refused (403 on the list), whatever the reviews said. */
export interface Refused {
  has(resource: ResourceName, namespace: string | undefined): boolean;
}

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const VERBS = ['list', 'watch'] as const;

interface ResourceRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
}

/** Checks `resources` cluster-wide and in `namespaces`; throws KubeApiError when the server fails. */
export async function checkAccess(
  http: KubeHttp,
  resources: readonly KubeResource[],
  namespaces: readonly string[],
  refused: Refused,
  signal: AbortSignal,
): Promise<AccessPlan> {
  const ask = new Questions(http, signal);
  return Promise.all(
    resources.map(async (resource): Promise<KindAccess> => {
      if (!refused.has(resource.name, undefined) && (await ask.may(resource, undefined)))
        return { resource, clusterWide: true, namespaces: [], denied: [] };
      if (!resource.namespaced) return { resource, clusterWide: false, namespaces: [], denied: [] };
      const allowed = await Promise.all(
        namespaces.map(
          async (namespace) => !refused.has(resource.name, namespace) && (await ask.may(resource, namespace)),
        ),
      );
      return {
        resource,
        clusterWide: false,
        namespaces: namespaces.filter((_, i) => allowed[i]),
        denied: namespaces.filter((_, i) => !allowed[i]),
      };
    }),
  );
}

/** The questions of one check, with what was learnt shared between kinds. */
class Questions {
  readonly #http: KubeHttp;
  readonly #signal: AbortSignal;
  readonly #rules = new Map<string, Promise<{ rules: ResourceRule[]; incomplete: boolean } | undefined>>();
  /** Set once the review API answered 403/404: from then on, lists answer. */
  #noReviews = false;
  #first: Promise<unknown> | undefined;

  constructor(http: KubeHttp, signal: AbortSignal) {
    this.#http = http;
    this.#signal = signal;
  }

  /** May this context list and watch `resource` in `namespace` (undefined: cluster-wide)? */
  async may(resource: KubeResource, namespace: string | undefined): Promise<boolean> {
    if (namespace !== undefined) {
      const rules = await this.#rulesIn(namespace);
      if (rules !== undefined && VERBS.every((verb) => grants(rules.rules, resource, verb))) return true;
      // Rules are additive: a complete list without the grant is a no.
      if (rules !== undefined && !rules.incomplete) return false;
    }
    const reviewed = await Promise.all(VERBS.map((verb) => this.#review(resource, namespace, verb)));
    if (reviewed.every((answer) => answer !== undefined)) return reviewed.every(Boolean);
    return this.#probe(resource, namespace);
  }

  async #review(
    resource: KubeResource,
    namespace: string | undefined,
    verb: string,
  ): Promise<boolean | undefined> {
    if (this.#noReviews) return undefined;
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          namespace: namespace ?? '',
          verb,
          group: resource.group,
          resource: resource.name,
        },
      },
    };
    const answer = await this.#reviewRequest(SSAR, body);
    if (answer === undefined) return undefined;
    return ((answer['status'] ?? {}) as Record<string, unknown>)['allowed'] === true;
  }

  #rulesIn(namespace: string): Promise<{ rules: ResourceRule[]; incomplete: boolean } | undefined> {
    let rules = this.#rules.get(namespace);
    if (rules === undefined) {
      const body = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: { namespace },
      };
      rules = this.#reviewRequest(SSRR, body).then((answer) => {
        if (answer === undefined) return undefined;
        const status = (answer['status'] ?? {}) as Record<string, unknown>;
        return {
          rules: (Array.isArray(status['resourceRules']) ? status['resourceRules'] : []).map(toRule),
          incomplete: status['incomplete'] === true,
        };
      });
      this.#rules.set(namespace, rules);
    }
    return rules;
  }

  async #reviewRequest(
    path: string,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> {
    // The first review goes alone: where the API is forbidden, one refusal says so, not sixteen.
    if (this.#first === undefined) {
      const first = this.#send(path, body);
      this.#first = first.catch(() => undefined);
      return first;
    }
    await this.#first;
    return this.#send(path, body);
  }

  async #send(path: string, body: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    if (this.#noReviews) return undefined;
    try {
      return await this.#http.postJson(path, body, this.#signal);
    } catch (error) {
      // Forbidden to ask, or an API server without the authorization API (rare, but allowed).
      if (error instanceof KubeApiError && (error.status === 403 || error.status === 404)) {
        this.#noReviews = true;
        return undefined;
      }
      throw error;
    }
  }

  /** A one-item list: the answer the informer itself would get. */
  async #probe(resource: KubeResource, namespace: string | undefined): Promise<boolean> {
    try {
      await this.#http.getJson(`${collectionPath(resource, namespace)}?limit=1`, this.#signal);
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 403) return false;
      // 404 (a kind this server does not serve) is the informer's to report.
      if (error instanceof KubeApiError && error.status === 404) return true;
      throw error;
    }
  }
}

function toRule(value: unknown): ResourceRule {
  const rule = (value ?? {}) as Record<string, unknown>;
  const list = (key: string) =>
    Array.isArray(rule[key])
      ? (rule[key] as unknown[]).filter((item): item is string => typeof item === 'string')
      : [];
  return {
    verbs: list('verbs'),
    apiGroups: list('apiGroups'),
    resources: list('resources'),
    resourceNames: list('resourceNames'),
  };
}

/** RBAC matching (rbac/v1 PolicyRule): `*` matches all; a rule limited to resourceNames cannot list. */
function grants(rules: readonly ResourceRule[], resource: KubeResource, verb: string): boolean {
  const any = (values: readonly string[], wanted: string) => values.includes('*') || values.includes(wanted);
  return rules.some(
    (rule) =>
      rule.resourceNames.length === 0 &&
      any(rule.verbs, verb) &&
      any(rule.apiGroups, resource.group) &&
      any(rule.resources, resource.name),
  );
}
