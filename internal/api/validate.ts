// Checks every params object the renderer sends before it reaches the core. The renderer is
// trusted code, but a typo, an old build or a hand-made HTTP request must get an `invalid-params`
// error naming the method, the field and what is expected, never a crash deep in the store.
// Hand-written on purpose: the shapes are small and a schema library would be one more dependency.
import { ApiError } from './api-error.js';
import type { ApiMethod, ApiParams, ImageRule, PlatformSelection, SettingsChange } from './contract.js';
import type { ListImagesQuery, TagFilter } from '../model/image-query.js';
import { tagPatternProblem } from '../model/tag-pattern.js';
import { namespaceNameProblem } from '../platform/kubernetes/namespace-name.js';

type Fields = Readonly<Record<string, unknown>>;

/** Reads the fields of one params object; each getter throws an ApiError naming the field. */
class Params {
  readonly #method: string;
  readonly #fields: Fields;
  readonly #path: string;

  /** `allowed: 'any'` reads one field before the shape is known (a union's `kind`). */
  constructor(method: string, raw: unknown, allowed: readonly string[] | 'any', path = 'params') {
    this.#method = method;
    this.#path = path;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw this.#invalid(path, 'an object', raw);
    }
    this.#fields = raw as Fields;
    if (allowed === 'any') return;
    const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
    if (unknown !== undefined) {
      const known = allowed.length === 0 ? 'it takes no fields' : `it takes: ${allowed.join(', ')}`;
      throw new ApiError('invalid-params', `${method}: unknown field ${this.#field(unknown)} (${known})`);
    }
  }

  string(name: string, rule: 'any' | 'non-empty' = 'non-empty'): string {
    const value = this.#fields[name];
    if (typeof value !== 'string' || (rule === 'non-empty' && value.trim() === '')) {
      throw this.#invalid(this.#field(name), rule === 'any' ? 'a string' : 'a non-empty string', value);
    }
    return value;
  }

  has(name: string): boolean {
    return this.#fields[name] !== undefined;
  }

  isNull(name: string): boolean {
    return this.#fields[name] === null;
  }

  optionalString(name: string): string | undefined {
    return this.#fields[name] === undefined ? undefined : this.string(name);
  }

  boolean(name: string): boolean {
    const value = this.#fields[name];
    if (typeof value !== 'boolean') throw this.#invalid(this.#field(name), 'true or false', value);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    return this.#fields[name] === undefined ? undefined : this.boolean(name);
  }

  integer(name: string, min: number, max: number): number {
    const value = this.#fields[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      throw this.#invalid(this.#field(name), `a whole number from ${min} to ${max}`, value);
    }
    return value;
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T {
    const value = this.#fields[name];
    if (!choices.includes(value as T)) {
      throw this.#invalid(
        this.#field(name),
        `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`,
        value,
      );
    }
    return value as T;
  }

  strings(name: string, check?: (item: string) => string | undefined): string[] {
    const value = this.#fields[name];
    if (!Array.isArray(value)) throw this.#invalid(this.#field(name), 'a list of strings', value);
    return value.map((item: unknown, index) => {
      const field = `${this.#field(name)}[${index}]`;
      if (typeof item !== 'string' || item.trim() === '')
        throw this.#invalid(field, 'a non-empty string', item);
      const problem = check?.(item);
      if (problem !== undefined) {
        throw new ApiError('invalid-params', `${this.#method}: ${field} ${problem}`);
      }
      return item;
    });
  }

  optionalStrings(name: string, check?: (item: string) => string | undefined): string[] | undefined {
    return this.#fields[name] === undefined ? undefined : this.strings(name, check);
  }

  /** A nested object, read with the same rules; its fields are named `outer.inner`. */
  optionalObject(name: string, allowed: readonly string[]): Params | undefined {
    const value = this.#fields[name];
    return value === undefined ? undefined : new Params(this.#method, value, allowed, this.#field(name));
  }

  #field(name: string): string {
    return this.#path === 'params' ? name : `${this.#path}.${name}`;
  }

  #invalid(field: string, expected: string, got: unknown): ApiError {
    return new ApiError(
      'invalid-params',
      `${this.#method}: ${field} must be ${expected}, got ${describe(got)}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return `a ${typeof value}`;
}

/** Each added namespace costs seven watches; past this, ask for a cluster-wide role instead. */
const MAX_KUBE_NAMESPACES = 50;

/** One week: a longer re-check interval is almost certainly a unit mistake. */
const MAX_RECHECK_MINUTES = 7 * 24 * 60;

function noParams<M extends ApiMethod>(method: M) {
  return (raw: unknown): ApiParams<M> => {
    new Params(method, raw, []);
    return {} as ApiParams<M>;
  };
}

function tagFilter(params: Params | undefined): TagFilter | undefined {
  if (params === undefined) return undefined;
  const all = params.optionalStrings('all');
  const any = params.optionalStrings('any');
  const none = params.optionalStrings('none');
  return { ...(all && { all }), ...(any && { any }), ...(none && { none }) };
}

function listImagesQuery(raw: unknown): ListImagesQuery {
  const p = new Params('listImages', raw, [
    'query',
    'tags',
    'sort',
    'order',
    'limit',
    'offset',
    'includeDisappeared',
  ]);
  const query = p.has('query') ? p.string('query', 'any') : undefined;
  const tags = tagFilter(p.optionalObject('tags', ['all', 'any', 'none']));
  const includeDisappeared = p.optionalBoolean('includeDisappeared');
  return {
    sort: p.oneOf('sort', ['name', 'update']),
    order: p.oneOf('order', ['asc', 'desc']),
    limit: p.integer('limit', 1, 1000),
    offset: p.integer('offset', 0, Number.MAX_SAFE_INTEGER),
    ...(query !== undefined && { query }),
    ...(tags !== undefined && { tags }),
    ...(includeDisappeared !== undefined && { includeDisappeared }),
  };
}

function platformSelection(raw: unknown): PlatformSelection {
  const p = new Params('selectPlatforms', raw, ['dockerEndpoints', 'kubeContexts', 'staticLists']);
  return {
    dockerEndpoints: p.strings('dockerEndpoints'),
    kubeContexts: p.strings('kubeContexts'),
    staticLists: p.strings('staticLists'),
  };
}

function settingsChange(raw: unknown): SettingsChange {
  const kinds = [
    'recheck-interval',
    'notifications',
    'github-token',
    'registry-credential',
    'remove-registry-credential',
    'kube-namespaces',
  ] as const;
  const kind = new Params('changeSettings', raw, 'any').oneOf('kind', kinds);
  switch (kind) {
    case 'recheck-interval': {
      const p = new Params('changeSettings', raw, ['kind', 'minutes']);
      return { kind, minutes: p.integer('minutes', 1, MAX_RECHECK_MINUTES) };
    }
    case 'notifications':
      return { kind, enabled: new Params('changeSettings', raw, ['kind', 'enabled']).boolean('enabled') };
    case 'github-token': {
      const p = new Params('changeSettings', raw, ['kind', 'token']);
      return { kind, token: p.isNull('token') ? null : p.string('token') };
    }
    case 'registry-credential': {
      const p = new Params('changeSettings', raw, ['kind', 'registry', 'username', 'password']);
      return {
        kind,
        registry: registryHost(p),
        username: p.string('username'),
        password: p.string('password'),
      };
    }
    case 'remove-registry-credential':
      return { kind, registry: registryHost(new Params('changeSettings', raw, ['kind', 'registry'])) };
    case 'kube-namespaces': {
      const p = new Params('changeSettings', raw, ['kind', 'context', 'namespaces']);
      const namespaces = p.strings('namespaces', namespaceNameProblem);
      if (namespaces.length > MAX_KUBE_NAMESPACES) {
        throw new ApiError(
          'invalid-params',
          `changeSettings: namespaces lists ${namespaces.length}; give at most ${MAX_KUBE_NAMESPACES} (each is one watch per kind)`,
        );
      }
      return { kind, context: p.string('context'), namespaces: [...new Set(namespaces)] };
    }
  }
}

/** A registry as docker config.json names it: host[:port], no scheme, no path. */
function registryHost(p: Params): string {
  const registry = p.string('registry');
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(registry)) {
    throw new ApiError(
      'invalid-params',
      `changeSettings: registry must be a host[:port] such as "ghcr.io" or "127.0.0.1:5000", got ${describe(registry)}`,
    );
  }
  return registry.toLowerCase();
}

/**
 * The App matches a rule's `*` with a backtracking RegExp (`.*`, internal/app/user-rules.ts), whose
 * cost grows as the reference's length to the power of the stars: 5 stars took 4.6 s on one
 * 130-character reference, 6 took 69 s (docs/security.md). Real patterns need one or two.
 */
const MAX_PATTERN_STARS = 2;

function imagePattern(method: string, pattern: string): string {
  const stars = pattern.split('*').length - 1;
  if (stars > MAX_PATTERN_STARS) {
    throw new ApiError(
      'invalid-params',
      `${method}: pattern ${describe(pattern)} has ${stars} "*"; use at most ${MAX_PATTERN_STARS}, as in "docker.io/library/*" or "ghcr.io/*/app:*"`,
    );
  }
  return pattern;
}

/** Also used to read rules back from the store, where an old or hand-edited row may be wrong. */
export function imageRule(raw: unknown, method = 'setRule'): ImageRule {
  const p = new Params(method, raw, [
    'pattern',
    'ignore',
    'pin',
    'stayOnCurrentMajor',
    'stayBelow',
    'include',
    'exclude',
  ]);
  const optional = {
    ignore: p.optionalBoolean('ignore'),
    pin: p.optionalBoolean('pin'),
    stayOnCurrentMajor: p.optionalBoolean('stayOnCurrentMajor'),
    stayBelow: p.optionalString('stayBelow'),
    include: p.optionalStrings('include', tagPatternProblem),
    exclude: p.optionalStrings('exclude', tagPatternProblem),
  };
  const rule: Record<string, unknown> = { pattern: imagePattern(method, p.string('pattern')) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) rule[key] = value;
  return rule as unknown as ImageRule;
}

/** The validator of each method's params: returns them typed, or throws `invalid-params`. */
export const validators: { readonly [M in ApiMethod]: (raw: unknown) => ApiParams<M> } = {
  snapshot: noParams('snapshot'),
  summary: noParams('summary'),
  listImages: listImagesQuery,
  exportReport: (raw) => {
    const p = new Params('exportReport', raw, [
      'format',
      'groupBy',
      'onlyOutdated',
      'bumps',
      'platforms',
      'changesSince',
    ]);
    return {
      format: p.oneOf('format', ['md', 'html', 'csv', 'json']),
      groupBy: p.oneOf('groupBy', ['location', 'image']),
      onlyOutdated: p.boolean('onlyOutdated'),
      bumps: p.isNull('bumps')
        ? null
        : (p.strings('bumps', (item) =>
            ['major', 'minor', 'patch', 'digest'].includes(item)
              ? undefined
              : 'must be major, minor, patch or digest',
          ) as ('major' | 'minor' | 'patch' | 'digest')[]),
      platforms: p.isNull('platforms') ? null : p.strings('platforms'),
      changesSince: p.isNull('changesSince') ? null : p.integer('changesSince', 0, Number.MAX_SAFE_INTEGER),
    };
  },
  recentUpdates: (raw) => ({ limit: new Params('recentUpdates', raw, ['limit']).integer('limit', 1, 1000) }),
  getImage: (raw) => ({ reference: new Params('getImage', raw, ['reference']).string('reference') }),
  checkNow: (raw) => ({ reference: new Params('checkNow', raw, ['reference']).string('reference') }),
  updateActions: (raw) => {
    const p = new Params('updateActions', raw, ['reference', 'bump']);
    const bump = p.has('bump') ? p.oneOf('bump', ['major', 'minor', 'patch', 'digest'] as const) : undefined;
    return { reference: p.string('reference'), ...(bump !== undefined && { bump }) };
  },
  checkAll: noParams('checkAll'),
  discovery: noParams('discovery'),
  selectPlatforms: platformSelection,
  getSettings: noParams('getSettings'),
  changeSettings: settingsChange,
  listRules: noParams('listRules'),
  setRule: (raw) => imageRule(raw),
  deleteRule: (raw) => ({ pattern: new Params('deleteRule', raw, ['pattern']).string('pattern') }),
};
