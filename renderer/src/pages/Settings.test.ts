import { afterEach, describe, expect, it } from 'vitest';
import type { Settings as SettingsValue, SettingsChange } from '../../../internal/api/contract.js';
import { SettingsStore } from '../stores/settings.svelte.js';
import { fakeBridge } from '../testing/fake-bridge.js';
import { rules, settings } from '../testing/fixtures.js';
import { mountInto, settled, type Mounted } from '../testing/mount.js';
import Settings from './Settings.svelte';

let mounted: Mounted | undefined;
afterEach(() => mounted?.destroy());

function type(input: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  if (input === null) throw new Error('no such input');
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('Settings page (fake bridge: the core cannot run in happy-dom)', () => {
  it('sends a registry password once, then clears the field and shows only the username', async () => {
    const changes: SettingsChange[] = [];
    let current: SettingsValue = settings;
    const bridge = fakeBridge({
      getSettings: () => current,
      listRules: () => rules,
      changeSettings: (change) => {
        changes.push(change);
        if (change.kind === 'registry-credential') {
          current = {
            ...current,
            registryCredentials: [
              ...current.registryCredentials,
              { registry: change.registry, username: change.username },
            ],
          };
        }
        return current;
      },
    });
    mounted = mountInto(Settings, { settings: new SettingsStore(bridge) });
    await settled();
    const root = mounted.target;
    type(root.querySelector('input[aria-label="Registry host"]'), 'registry.example.com');
    type(root.querySelector('input[aria-label="Username"]'), 'ci');
    type(root.querySelector('input[aria-label="Password"]'), 's3cret-pa55');
    await settled();
    root.querySelector<HTMLFormElement>('form.add')?.requestSubmit();
    await settled();
    expect(changes).toEqual([
      {
        kind: 'registry-credential',
        registry: 'registry.example.com',
        username: 'ci',
        password: 's3cret-pa55',
      },
    ]);
    expect(root.querySelector<HTMLInputElement>('input[aria-label="Password"]')?.value).toBe('');
    expect(root.textContent).toContain('registry.example.com');
    expect(root.innerHTML).not.toContain('s3cret-pa55');
  });

  it('refuses a rule with a bad regular expression, naming it, without calling the core', async () => {
    const bridge = fakeBridge({ getSettings: () => settings, listRules: () => rules });
    mounted = mountInto(Settings, { settings: new SettingsStore(bridge) });
    await settled();
    const form = mounted.target.querySelector<HTMLFormElement>('form.rule-form');
    type(form?.querySelector('input[type="text"]') ?? null, 'docker.io/library/redis');
    type(form?.querySelectorAll('textarea')[1] ?? null, '[oops');
    await settled();
    form?.requestSubmit();
    await settled();
    expect(mounted.target.querySelector('[role="alert"]')?.textContent).toContain(
      'Exclude: "[oops" is not a valid regular expression in RE2 syntax',
    );
    expect(bridge.calls.map((c) => c.method)).not.toContain('setRule');
  });
});
