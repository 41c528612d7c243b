import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { svelteImports } from './renderer/svelte-imports.js';

const NO_ELECTRON = {
  name: 'electron',
  message:
    'internal/ never imports electron: the same core runs headless in serve and scan (docs/desktop.md)',
};

// The renderer runs in a page: it may see the core only through the contract and the pure model and
// graph modules, never the code that talks to Docker, Kubernetes, registries or SQLite (docs/ui.md).
const RENDERER_ONLY_THE_CONTRACT = {
  // Relative paths (`../../../internal/…`): gitignore-style groups cannot re-include under `..`.
  regex: '^(\\.\\./)+internal/(?!api/contract\\.js$|model/|graph/)',
  message:
    'renderer/ imports only internal/api/contract.js, internal/model/ and internal/graph/ (docs/ui.md): ' +
    'name the type in the contract, or move the pure helper to internal/model/',
};

// Pages, components and the graph view read stores and call their methods (docs/ui.md "State"):
// only renderer/src/stores talks to the bridge, so no view can grow state of its own beside them.
const VIEWS_READ_STORES = [
  {
    regex: '^(\\.\\./)+internal/api/contract\\.js$',
    importNames: ['CupdateBridge'],
    message: 'views read stores (renderer/src/stores), they do not hold the bridge (docs/ui.md)',
  },
  {
    regex: '(^|/)lib/bridge\\.js$',
    message: 'views read stores (renderer/src/stores), they do not hold the bridge (docs/ui.md)',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'renderer/dist/', '.artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
    },
  },
  { files: ['electron/**'], rules: { 'no-restricted-imports': 'off' } },
  // Components: only their imports are linted (renderer/svelte-imports.js); svelte-check does the rest.
  { files: ['renderer/**/*.svelte'], processor: svelteImports },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [RENDERER_ONLY_THE_CONTRACT] }],
    },
  },
  {
    files: ['renderer/src/{pages,components,graph}/**', 'renderer/src/App.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: [RENDERER_ONLY_THE_CONTRACT, ...VIEWS_READ_STORES] },
      ],
    },
  },
);
