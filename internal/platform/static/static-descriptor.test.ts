import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staticDescriptor, staticPlatformId } from './static-descriptor.js';

describe('staticDescriptor', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-static-kind-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('builds a readable list under its absolute path, however it was spelled', async () => {
    const list = join(dir, 'images.txt');
    await writeFile(list, 'nginx:1.25\n');
    const platform = await staticDescriptor.build(null, relative(process.cwd(), list), {});
    expect(platform).toMatchObject({ id: `static:${list}`, type: 'static' });
    expect(staticPlatformId(list)).toBe(platform.id);
  });

  it('refuses a list that cannot be read, saying why', async () => {
    const missing = join(dir, 'missing.txt');
    await expect(staticDescriptor.build(null, missing, {})).rejects.toThrow(
      new RegExp(`^"${missing}" cannot be read \\(ENOENT.*\\); give a readable file$`),
    );
  });

  it('asks the list policy first, and never touches a refused path', async () => {
    const list = join(dir, 'images.txt');
    await writeFile(list, 'nginx:1.25\n');
    const asked: string[] = [];
    const listRefusal = (path: string) => {
      asked.push(path);
      return 'is not one of the lists this server was started with; restart it with --list';
    };
    await expect(
      staticDescriptor.build(null, relative(process.cwd(), list), { listRefusal }),
    ).rejects.toThrow(
      `"${relative(process.cwd(), list)}" is not one of the lists this server was started with; restart it with --list`,
    );
    // Resolved before asking, as the platform id spells it.
    expect(asked).toEqual([list]);
    // A missing file is refused by the policy too, without saying whether it exists.
    await expect(staticDescriptor.build(null, join(dir, 'missing.txt'), { listRefusal })).rejects.toThrow(
      /is not one of the lists/,
    );
  });

  it('has nothing to discover and describes the selected lists', async () => {
    const found = await staticDescriptor.discover({ env: {}, homeDir: dir }, () => undefined);
    expect(staticDescriptor.defaults(found)).toEqual([]);
    const selection = { dockerEndpoints: [], kubeContexts: [], staticLists: ['/a.txt'] };
    expect(staticDescriptor.describe(found, { selection, status: () => undefined, settings: {} })).toEqual({
      staticLists: ['/a.txt'],
    });
  });
});
