import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../platform.js';
import { parseStaticList } from './static-list.js';
import { StaticPlatform } from './static-platform.js';

describe('parseStaticList', () => {
  it('normalizes references, skips comments and blanks, and drops duplicates', () => {
    const list = parseStaticList(
      '# my images\nnginx:1.25\n\n  redis:7 # cache\ndocker.io/library/nginx:1.25\n',
    );
    expect(list.entries).toEqual([
      { line: 2, reference: 'docker.io/library/nginx:1.25' },
      { line: 4, reference: 'docker.io/library/redis:7' },
    ]);
    expect(list.problems).toEqual([]);
  });

  it('reports a bad line with its number and keeps the good ones', () => {
    const list = parseStaticList('nginx:1.25\nNginx:1.25\nghcr.io/x/y@sha256:abc\n');
    expect(list.entries).toHaveLength(1);
    expect(list.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe('StaticPlatform', () => {
  let dir = '';
  let controller = new AbortController();
  afterEach(async () => {
    controller.abort();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function startOn(content: string | null) {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-static-'));
    const file = join(dir, 'images.txt');
    if (content !== null) await writeFile(file, content);
    const events: PlatformEvent[] = [];
    controller = new AbortController();
    const platform = new StaticPlatform(file);
    await platform.start((e) => events.push(e), controller.signal);
    return { file, events, platform };
  }

  it('emits a graph of the listed images under the list, and goes live', async () => {
    const { events, platform } = await startOn('nginx:1.25\nredis:7\n');
    const graph = events.find((e) => e.type === 'graph');
    expect(graph?.type === 'graph' && graph.nodes.map((n) => n.kind).sort()).toEqual([
      'image',
      'image',
      'static-list',
    ]);
    expect(graph?.type === 'graph' && graph.edges.every((e) => e.to === platform.id)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'status', status: { state: 'live' } });
  });

  it('is degraded, naming the lines but never quoting them, when lines are not references', async () => {
    const { events, file } = await startOn('nginx:1.25\nNOT A REF\nroot:$y$j9T$secret-hash:19000:0\n');
    const status = events.filter((e) => e.type === 'status').at(-1);
    expect(status).toEqual({
      type: 'status',
      status: {
        state: 'degraded',
        reason: `${file} has lines that are not image references (lines 2, 3); write one reference per line, like "nginx:1.25" or "ghcr.io/org/app:1.2"`,
        problems: [{ line: 2 }, { line: 3 }],
      },
    });
  });

  it('goes live again, with no problems left, once the bad line is fixed', async () => {
    const { events, file } = await startOn('nginx:1.25\nNOT A REF\n');
    await writeFile(file, 'nginx:1.25\n');
    await expect
      .poll(() => events.filter((e) => e.type === 'status').at(-1), { timeout: 3000 })
      .toEqual({ type: 'status', status: { state: 'live' } });
  });

  it('fails with a reason naming the file when it does not exist', async () => {
    const { events, file } = await startOn(null);
    const status = events.filter((e) => e.type === 'status').at(-1);
    expect(status).toMatchObject({ status: { state: 'failed', reason: expect.stringContaining(file) } });
  });

  it('turns an edit of the file (written by rename, like editors do) into patches', async () => {
    const { events, file } = await startOn('nginx:1.25\nredis:7\n');
    await writeFile(`${file}.tmp`, 'nginx:1.26\nredis:7\n');
    await rename(`${file}.tmp`, file);
    await expect
      .poll(() => events.filter((e) => e.type === 'patch').length, { timeout: 3000 })
      .toBeGreaterThan(0);
    const patches = events.flatMap((e) => (e.type === 'patch' ? e.patches : []));
    expect(patches.filter((p) => p.op === 'add-node').map((p) => p.op === 'add-node' && p.node.name)).toEqual(
      ['docker.io/library/nginx:1.26'],
    );
    expect(patches.some((p) => p.op === 'remove-node' && p.id.endsWith('nginx:1.25'))).toBe(true);
  });
});
