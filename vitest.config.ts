import { defineConfig } from 'vitest/config';

// `npm test` runs two projects: the core (unit tests beside the code, integration tests in test/)
// and the renderer (Svelte components in happy-dom, sanitizer checks in real Chromium; its own
// config compiles Svelte for the browser). The core's global setup only reports which real peers
// can run here; each test file starts the peers it uses (registry, token server, dockerd) and tests
// whose peer is missing skip, saying how to get it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['internal/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/peers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      'renderer/vitest.config.ts',
    ],
  },
});
