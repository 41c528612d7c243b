// The user's settings and per-image rules. Secrets are write-only: a change sends them once, and
// what comes back says only whether a token is set and which registries have a login.
import type { CupdateBridge, ImageRule, Settings, SettingsChange } from '../../../internal/api/contract.js';
import { settle, type LoadState } from '../lib/load-state.js';

export class SettingsStore {
  settings: LoadState<Settings> = $state({ state: 'loading' });
  rules: LoadState<readonly ImageRule[]> = $state({ state: 'loading' });
  readonly #bridge: CupdateBridge;

  constructor(bridge: CupdateBridge) {
    this.#bridge = bridge;
  }

  async load(): Promise<void> {
    [this.settings, this.rules] = await Promise.all([
      settle(() => this.#bridge.invoke('getSettings', {})),
      settle(() => this.#bridge.invoke('listRules', {})),
    ]);
  }

  /** Rejects with the core's error (nothing changed then). */
  async change(change: SettingsChange): Promise<void> {
    this.settings = { state: 'ready', value: await this.#bridge.invoke('changeSettings', change) };
  }

  /** Adds or replaces the rule for its pattern; rejects with the core's error. */
  async setRule(rule: ImageRule): Promise<void> {
    this.rules = { state: 'ready', value: await this.#bridge.invoke('setRule', rule) };
  }

  async deleteRule(pattern: string): Promise<void> {
    this.rules = { state: 'ready', value: await this.#bridge.invoke('deleteRule', { pattern }) };
  }
}
