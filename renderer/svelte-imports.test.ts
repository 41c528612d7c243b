// @vitest-environment node
// The repository's own ESLint configuration on made-up files: the renderer may import only the
// contract, internal/model and internal/graph, in TypeScript files and in components (whose
// imports reach ESLint through svelte-imports.js).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message}`);
}

describe('the renderer import rule (the real eslint.config.js)', () => {
  it('refuses core code in a TypeScript file, and says what to do instead', async () => {
    const messages = await restricted(
      "import { openStore } from '../../../internal/store/store.js';\nexport const open = openStore;\n",
      'renderer/src/lib/example.ts',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^1:1 no-restricted-imports .*internal\/store\/store\.js.*name the type in the contract/,
    );
  });

  it('allows the contract, internal/model, internal/graph and packages', async () => {
    const code = [
      "import type { Snapshot } from '../../../internal/api/contract.js';",
      "import { compareText } from '../../../internal/model/compare-text.js';",
      "import { Graph } from '../../../internal/graph/graph.js';",
      "import { mount } from 'svelte';",
      'export const used: unknown[] = [compareText, Graph, mount, null as unknown as Snapshot];',
      '',
    ].join('\n');
    expect(await restricted(code, 'renderer/src/lib/example.ts')).toEqual([]);
  });

  it('refuses a type-only import of core code too: the type belongs in the contract', async () => {
    const messages = await restricted(
      "import type { PlatformStatus } from '../../../internal/platform/platform.js';\nexport type S = PlatformStatus;\n",
      'renderer/src/lib/example.ts',
    );
    expect(messages).toEqual([expect.stringMatching(/^1:1 no-restricted-imports /)]);
  });

  it('checks a component: script imports and import() in the markup, at their own line and column', async () => {
    const component = [
      '<script lang="ts">',
      "  import type { Snapshot } from '../../../internal/api/contract.js';",
      "  import Nav from '../components/Nav.svelte';",
      "  import { listTags } from '../../../internal/oci/registry-client.js';",
      '  let { snapshot }: { snapshot: Snapshot } = $props();',
      '</script>',
      '',
      '<Nav />',
      "{#await import('../../../internal/store/store.js') then store}{store}{/await}",
      '<p>{listTags}{snapshot.sequence}</p>',
      '',
    ].join('\n');
    const messages = await restricted(component, 'renderer/src/pages/Example.svelte');
    // Nav and listTags are used only in the markup: no unused-variable report.
    expect(messages).toEqual([
      expect.stringMatching(
        /^4:3 no-restricted-imports '\.\.\/\.\.\/\.\.\/internal\/oci\/registry-client\.js'/,
      ),
      expect.stringMatching(/^9:9 no-restricted-imports '\.\.\/\.\.\/\.\.\/internal\/store\/store\.js'/),
    ]);
  });

  it('keeps the bridge out of views: pages, components and the graph read stores', async () => {
    const page = [
      '<script lang="ts">',
      "  import type { CupdateBridge, Discovery } from '../../../internal/api/contract.js';",
      "  import { getBridge } from '../lib/bridge.js';",
      "  import type { PlatformsStore } from '../stores/platforms.svelte.js';",
      '  let { bridge, found, platforms }: { bridge: CupdateBridge; found: Discovery; platforms: PlatformsStore } =',
      '    $props();',
      '</script>',
      '',
      '<p>{bridge}{found}{platforms}{getBridge}</p>',
      '',
    ].join('\n');
    const messages = await restricted(page, 'renderer/src/pages/Example.svelte');
    // A name is reported on its import's line (its column is the processor's statement's).
    expect(messages).toEqual([
      expect.stringMatching(/^2:\d+ no-restricted-imports 'CupdateBridge' import from .* views read stores/),
      expect.stringMatching(/^3:3 no-restricted-imports '\.\.\/lib\/bridge\.js' import .* views read stores/),
    ]);
    // The stores themselves, and the entry that makes them, do hold it.
    const store =
      "import type { CupdateBridge } from '../../../internal/api/contract.js';\nexport type B = CupdateBridge;\n";
    expect(await restricted(store, 'renderer/src/stores/example.ts')).toEqual([]);
  });

  it('keeps the core from importing electron, and the renderer too', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restricted(code, 'internal/example.ts')).toEqual([
      expect.stringMatching(/^1:1 no-restricted-imports .*electron.*runs headless/),
    ]);
    expect(await restricted(code, 'renderer/src/lib/example.ts')).toEqual([
      expect.stringMatching(/^1:1 no-restricted-imports .*electron/),
    ]);
  });
});
