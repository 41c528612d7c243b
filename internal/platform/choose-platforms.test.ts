import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildChosen, choosePlatforms, choosesNothing, selectionOf } from './choose-platforms.js';
import { PlatformChoiceError } from './platform.js';

describe('choosePlatforms and buildChosen', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-choose-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('discovers only the kinds something is asked of', async () => {
    const list = join(dir, 'a.txt');
    await writeFile(list, 'nginx:1\n');
    // Discovering Docker here would warn about this DOCKER_HOST, and kube would read the kubeconfig.
    const place = { env: { DOCKER_HOST: 'gopher://x', KUBECONFIG: join(dir, 'bad') }, homeDir: dir };
    await writeFile(join(dir, 'bad'), '[not: a kubeconfig');
    const warnings: string[] = [];
    const chosen = await choosePlatforms(
      place,
      (kind) => (kind.selectionKey === 'staticLists' ? [list] : []),
      (message) => warnings.push(message),
    );
    expect(warnings).toEqual([]);
    expect(chosen.map(({ kind, names }) => [kind.type, names])).toEqual([['static', [list]]]);
    expect(selectionOf(chosen)).toEqual({ dockerEndpoints: [], kubeContexts: [], staticLists: [list] });
    const platforms = await buildChosen(chosen, () => new Error('not expected'));
    expect(platforms.map((platform) => platform.id)).toEqual([`static:${list}`]);

    await choosePlatforms(
      place,
      () => 'defaults',
      (message) => warnings.push(message),
    );
    expect(warnings.map((warning) => warning.split(':')[0])).toEqual(['docker', 'kubernetes']);
  });

  it('resolves defaults and every per kind into names, in the kinds order', async () => {
    const socket = join(dir, 'docker.sock');
    await writeFile(socket, '');
    const place = { env: { DOCKER_HOST: `unix://${socket}`, KUBECONFIG: join(dir, 'none') }, homeDir: dir };
    const chosen = await choosePlatforms(
      place,
      (kind) => (kind.type === 'docker' ? 'every' : 'defaults'),
      () => {},
    );
    expect(chosen.map((c) => c.kind.type)).toEqual(['static', 'docker', 'kubernetes']);
    expect(selectionOf(chosen)).toMatchObject({ staticLists: [], kubeContexts: [] });
    expect(selectionOf(chosen).dockerEndpoints).toContain('DOCKER_HOST');
  });

  it('hands a name that cannot be built to refuse, with its kind and index, and builds nothing', async () => {
    const list = join(dir, 'a.txt');
    await writeFile(list, 'nginx:1\n');
    const chosen = await choosePlatforms(
      { env: {}, homeDir: dir },
      (kind) => (kind.selectionKey === 'staticLists' ? [list, join(dir, 'gone.txt')] : []),
      () => {},
    );
    const refused: [string, number, PlatformChoiceError][] = [];
    await expect(
      buildChosen(chosen, (kind, index, error) => {
        refused.push([kind.option, index, error]);
        return new Error(`${kind.option} ${error.choice} ${error.reason}`);
      }),
    ).rejects.toThrow(/^--list .*gone.txt cannot be read/);
    expect(refused.map(([option, index, error]) => [option, index, error.choice])).toEqual([
      ['--list', 1, join(dir, 'gone.txt')],
    ]);
  });

  it('says which choices ask for nothing', () => {
    expect(choosesNothing([])).toBe(true);
    expect(choosesNothing(['a'])).toBe(false);
    expect(choosesNothing('every')).toBe(false);
    expect(choosesNothing('defaults')).toBe(false);
  });
});
