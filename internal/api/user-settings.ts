// The user's settings and rules: plain values in the store's settings/rules tables, secrets only in
// the SecretStore. What the store gives back is JSON another version may have written, so each value
// is checked when read and a wrong one falls back to its default rather than failing the screen.
import type { ImageRule, PlatformSelection, Settings, SettingsChange } from './contract.js';
import { SECRET_NAMES, type SecretStore } from './secret-store.js';
import { imageRule } from './validate.js';
import type { Store } from '../store/store.js';
import type { Json } from '../model/json.js';
import type { UserRule } from '../app/user-rules.js';
import { RegistryCredential, type CredentialProvider } from '../oci/credentials.js';
import { TagPattern } from '../model/tag-pattern.js';
import { namespaceNameProblem } from '../platform/kubernetes/namespace-name.js';

export type SettingsTables = Pick<
  Store,
  'getSetting' | 'setSetting' | 'listRules' | 'setRule' | 'deleteRule'
>;

interface RegistryLogin {
  readonly registry: string;
  readonly username: string;
}

const KEYS = {
  recheckInterval: 'recheck-interval-minutes',
  notifications: 'notifications',
  registryLogins: 'registry-logins',
  selection: 'platform-selection',
  kubeNamespaces: 'kube-namespaces',
} as const;

export const DEFAULT_RECHECK_MINUTES = 10;

export class UserSettings {
  readonly #tables: SettingsTables;
  readonly #secrets: SecretStore;

  constructor(tables: SettingsTables, secrets: SecretStore) {
    this.#tables = tables;
    this.#secrets = secrets;
  }

  async get(): Promise<Settings> {
    return {
      recheckIntervalMinutes: this.recheckIntervalMinutes(),
      notifications: this.#read(KEYS.notifications, (v) => (typeof v === 'boolean' ? v : undefined)) ?? true,
      githubTokenSet: (await this.#secrets.get(SECRET_NAMES.githubToken)) !== undefined,
      registryCredentials: this.#logins(),
    };
  }

  /** The GitHub token the user set, for the App's GitHub source; never sent to the renderer. */
  async githubToken(): Promise<string | null> {
    return (await this.#secrets.get(SECRET_NAMES.githubToken)) ?? null;
  }

  async change(change: SettingsChange): Promise<Settings> {
    switch (change.kind) {
      case 'recheck-interval':
        this.#tables.setSetting(KEYS.recheckInterval, change.minutes);
        break;
      case 'notifications':
        this.#tables.setSetting(KEYS.notifications, change.enabled);
        break;
      case 'github-token':
        if (change.token === null) await this.#secrets.delete(SECRET_NAMES.githubToken);
        else await this.#secrets.set(SECRET_NAMES.githubToken, change.token);
        break;
      case 'registry-credential': {
        // The password first: a login is only listed once its secret is kept.
        await this.#secrets.set(SECRET_NAMES.registryPassword(change.registry), change.password);
        const others = this.#logins().filter((login) => login.registry !== change.registry);
        this.#tables.setSetting(KEYS.registryLogins, [
          ...others,
          { registry: change.registry, username: change.username },
        ]);
        break;
      }
      case 'remove-registry-credential':
        this.#tables.setSetting(
          KEYS.registryLogins,
          this.#logins().filter((login) => login.registry !== change.registry),
        );
        await this.#secrets.delete(SECRET_NAMES.registryPassword(change.registry));
        break;
      case 'kube-namespaces': {
        const { [change.context]: _replaced, ...others } = this.kubeNamespaces();
        this.#tables.setSetting(
          KEYS.kubeNamespaces,
          change.namespaces.length === 0 ? others : { ...others, [change.context]: [...change.namespaces] },
        );
        break;
      }
    }
    return this.get();
  }

  recheckIntervalMinutes(): number {
    return (
      this.#read(KEYS.recheckInterval, (v) =>
        typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined,
      ) ?? DEFAULT_RECHECK_MINUTES
    );
  }

  /** The platforms chosen last time, so the next start watches them again. */
  selection(): PlatformSelection | undefined {
    return this.#read(KEYS.selection, (v) => {
      const value = v as Partial<Record<keyof PlatformSelection, unknown>> | null;
      const lists = [value?.dockerEndpoints, value?.kubeContexts, value?.staticLists];
      if (!lists.every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string')))
        return undefined;
      return value as PlatformSelection;
    });
  }

  saveSelection(selection: PlatformSelection): void {
    this.#tables.setSetting(KEYS.selection, selection);
  }

  /**
   * The namespaces the user added per kube context (docs/kubernetes.md, "Namespace-scoped access");
   * a stored name that is no longer a valid namespace is left out.
   */
  kubeNamespaces(): Record<string, string[]> {
    return (
      this.#read(KEYS.kubeNamespaces, (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
        const valid = Object.entries(v).map(([context, list]): [string, string[]] => [
          context,
          Array.isArray(list)
            ? list.filter(
                (name): name is string =>
                  typeof name === 'string' && namespaceNameProblem(name) === undefined,
              )
            : [],
        ]);
        return Object.fromEntries(valid.filter(([, list]) => list.length > 0));
      }) ?? {}
    );
  }

  /** The registry logins typed in the app, for the App's registry client (asked before config.json). */
  credentials(): CredentialProvider {
    return {
      get: async (registry) => {
        const login = this.#logins().find((candidate) => candidate.registry === registry);
        if (login === undefined) return undefined;
        const password = await this.#secrets.get(SECRET_NAMES.registryPassword(registry));
        return password === undefined
          ? undefined
          : new RegistryCredential(registry, 'basic', login.username, password);
      },
    };
  }

  /** The rules as the App applies them: the same patterns, compiled (rules() validated each). */
  userRules(): UserRule[] {
    return this.rules().map(({ pattern, include, exclude, ...flags }) => ({
      pattern,
      rules: {
        ...flags,
        ...(include !== undefined && { include: include.map((source) => TagPattern.parse(source)) }),
        ...(exclude !== undefined && { exclude: exclude.map((source) => TagPattern.parse(source)) }),
      },
    }));
  }

  /** Rules by pattern; a stored rule that no longer passes the checks is left out. */
  rules(): ImageRule[] {
    return this.#tables.listRules().flatMap((row) => {
      try {
        return [imageRule({ ...(row.rule as object), pattern: row.pattern }, 'listRules')];
      } catch {
        return [];
      }
    });
  }

  setRule(rule: ImageRule): ImageRule[] {
    const { pattern, ...rest } = rule;
    this.#tables.setRule(pattern, rest);
    return this.rules();
  }

  deleteRule(pattern: string): ImageRule[] {
    this.#tables.deleteRule(pattern);
    return this.rules();
  }

  #logins(): RegistryLogin[] {
    return (
      this.#read(KEYS.registryLogins, (v) =>
        Array.isArray(v)
          ? v.filter(
              (item): item is { registry: string; username: string } =>
                typeof item === 'object' &&
                item !== null &&
                typeof (item as Record<string, Json>)['registry'] === 'string' &&
                typeof (item as Record<string, Json>)['username'] === 'string',
            )
          : undefined,
      ) ?? []
    ).map(({ registry, username }) => ({ registry, username }));
  }

  #read<T>(key: string, check: (value: Json) => T | undefined): T | undefined {
    const value = this.#tables.getSetting(key);
    return value === undefined ? undefined : check(value);
  }
}
