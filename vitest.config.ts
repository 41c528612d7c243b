import { defineConfig } from 'vitest/config';

// One run for unit tests (beside the code) and integration tests (test/). The global setup starts
// the real peers the integration tests use (registry, token server, dockerd) when their binaries
// are installed; tests that need a missing peer skip and say how to get it.
export default defineConfig({
  test: {
    include: ['internal/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/peers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
