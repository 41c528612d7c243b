// App settings (key → JSON) and per-image-pattern version rules (pattern → JSON). The store keeps
// their JSON; the settings screen and internal/version own and check its shape.
import type { Database } from 'better-sqlite3';
import { parseJson, toJsonText } from './json.js';
import type { ImageRule } from '../model/image-rule.js';
import type { Json } from '../model/json.js';

export interface SettingsTables {
  getSetting(key: string): Json | undefined;
  setSetting(key: string, value: unknown): void;
  listRules(): ImageRule[];
  /** Creates or replaces the rule for `pattern`. */
  setRule(pattern: string, rule: unknown): void;
  deleteRule(pattern: string): void;
}

export function createSettingsTables(db: Database, path: string, now: () => number): SettingsTables {
  const selectSetting = db.prepare<[string], { readonly value: string }>(
    'SELECT value FROM settings WHERE key = ?',
  );
  const upsertSetting = db.prepare<[string, string, number]>(
    'INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)',
  );
  const selectRules = db.prepare<[], { readonly pattern: string; readonly rule: string }>(
    'SELECT pattern, rule FROM rules ORDER BY pattern',
  );
  const upsertRule = db.prepare<[string, string, number]>(
    'INSERT OR REPLACE INTO rules (pattern, rule, updated_at) VALUES (?, ?, ?)',
  );
  const removeRule = db.prepare<[string]>('DELETE FROM rules WHERE pattern = ?');

  return {
    getSetting(key) {
      const row = selectSetting.get(key);
      return row === undefined ? undefined : parseJson(row.value);
    },
    setSetting(key, value) {
      upsertSetting.run(key, toJsonText(path, `setting ${key}`, value), now());
    },
    listRules() {
      return selectRules.all().map((row) => ({ pattern: row.pattern, rule: parseJson(row.rule) }));
    },
    setRule(pattern, rule) {
      upsertRule.run(pattern, toJsonText(path, `rule for ${pattern}`, rule), now());
    },
    deleteRule(pattern) {
      removeRule.run(pattern);
    },
  };
}
