// Shared set-up of the core's integration tests: a temporary data directory, static image lists
// written there, and an app over them that is always stopped.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createApp, type App, type AppRunOptions } from '../../internal/app.js';
import { StaticPlatform } from '../../internal/platform/static/static-platform.js';

export interface AppFixture {
  /** Writes an image list into the data directory and returns its platform. */
  list(name: string, references: readonly string[]): Promise<StaticPlatform>;
  /** Creates and starts an app (stopped after the test) in a fresh data directory. */
  app(options: AppRunOptions & { readonly dataDir?: string }): Promise<App>;
  readonly dataDir: () => string;
}

export function useAppFixture(): AppFixture {
  let dir: string | undefined;
  const apps: App[] = [];
  const dataDir = () => {
    if (dir === undefined) throw new Error('useAppFixture: call list() or app() first');
    return dir;
  };
  const ensureDir = async () => (dir ??= await mkdtemp(join(tmpdir(), 'cupdate-app-')));
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    async list(name, references) {
      const path = join(await ensureDir(), name);
      await writeFile(path, references.join('\n') + '\n');
      return new StaticPlatform(path);
    },
    async app(options) {
      const app = createApp({ minimumAgeMs: 0, ...options, dataDir: options.dataDir ?? (await ensureDir()) });
      apps.push(app);
      await app.start();
      return app;
    },
    dataDir,
  };
}
